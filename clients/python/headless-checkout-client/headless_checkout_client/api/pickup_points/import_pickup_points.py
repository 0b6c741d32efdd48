from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.import_pickup_points_request import ImportPickupPointsRequest
from ...models.import_pickup_points_response import ImportPickupPointsResponse
from ...models.pickup_point_import_mode import PickupPointImportMode
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    merchant: str,
    *,
    body: ImportPickupPointsRequest | File | Unset = UNSET,
    mode: PickupPointImportMode | Unset = UNSET,
    set_etag: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    json_mode: str | Unset = UNSET
    if not isinstance(mode, Unset):
        json_mode = mode.value

    params["mode"] = json_mode

    params["set_etag"] = set_etag

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/merchants/{merchant}/pickupPoints:import".format(
            merchant=quote(str(merchant), safe=""),
        ),
        "params": params,
    }

    if isinstance(body, ImportPickupPointsRequest):
        _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json; charset=utf-8"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "text/csv; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ImportPickupPointsResponse | None:
    if response.status_code == 200:
        response_200 = ImportPickupPointsResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ErrorResponse.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ErrorResponse.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ErrorResponse.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = ErrorResponse.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ErrorResponse.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = ErrorResponse.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ErrorResponse.from_dict(response.json())

        return response_415

    if response.status_code == 429:
        response_429 = ErrorResponse.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = ErrorResponse.from_dict(response.json())

        return response_500

    if response.status_code == 503:
        response_503 = ErrorResponse.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ErrorResponse | ImportPickupPointsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    merchant: str,
    *,
    client: AuthenticatedClient,
    body: ImportPickupPointsRequest | File | Unset = UNSET,
    mode: PickupPointImportMode | Unset = UNSET,
    set_etag: str | Unset = UNSET,
) -> Response[ErrorResponse | ImportPickupPointsResponse]:
    """Import pickup points

     Stores points into the merchant's set, as JSON (`{"pickup_points": [...]}`, each in the
    configuration file's `pickup_locations` shape) or as CSV (`Content-Type: text/csv`).
    `mode=UPSERT` (the default) adds them, replacing points of the same id, so a large set
    can arrive in parts; `mode=REPLACE` makes them the whole set, removing every other
    point. Every problem is named (a JSON point by its path, a CSV one by its line) and
    nothing is stored while there is one. The answer comes once the points are stored;
    quotes use them once the index built from them is swapped in, off the request path.

    The CSV form has a header line naming its columns: `id`, `carrier`, `title`,
    `location_type`, `country_code`, `lat`, `lng` and, when wanted, `external_id` (the id
    when absent), `address_line`, `postal_code`, `city`, `region_code`, `monday` ..
    `sunday` (intervals `HH:MM-HH:MM`, separated by spaces) and `opening_hours_text`.

    Args:
        merchant (str):
        mode (PickupPointImportMode | Unset): What an import does with the points already stored.
        set_etag (str | Unset):
        body (ImportPickupPointsRequest): Points to import, as JSON.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ImportPickupPointsResponse]
    """

    kwargs = _get_kwargs(
        merchant=merchant,
        body=body,
        mode=mode,
        set_etag=set_etag,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    merchant: str,
    *,
    client: AuthenticatedClient,
    body: ImportPickupPointsRequest | File | Unset = UNSET,
    mode: PickupPointImportMode | Unset = UNSET,
    set_etag: str | Unset = UNSET,
) -> ErrorResponse | ImportPickupPointsResponse | None:
    """Import pickup points

     Stores points into the merchant's set, as JSON (`{"pickup_points": [...]}`, each in the
    configuration file's `pickup_locations` shape) or as CSV (`Content-Type: text/csv`).
    `mode=UPSERT` (the default) adds them, replacing points of the same id, so a large set
    can arrive in parts; `mode=REPLACE` makes them the whole set, removing every other
    point. Every problem is named (a JSON point by its path, a CSV one by its line) and
    nothing is stored while there is one. The answer comes once the points are stored;
    quotes use them once the index built from them is swapped in, off the request path.

    The CSV form has a header line naming its columns: `id`, `carrier`, `title`,
    `location_type`, `country_code`, `lat`, `lng` and, when wanted, `external_id` (the id
    when absent), `address_line`, `postal_code`, `city`, `region_code`, `monday` ..
    `sunday` (intervals `HH:MM-HH:MM`, separated by spaces) and `opening_hours_text`.

    Args:
        merchant (str):
        mode (PickupPointImportMode | Unset): What an import does with the points already stored.
        set_etag (str | Unset):
        body (ImportPickupPointsRequest): Points to import, as JSON.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ImportPickupPointsResponse
    """

    return sync_detailed(
        merchant=merchant,
        client=client,
        body=body,
        mode=mode,
        set_etag=set_etag,
    ).parsed


async def asyncio_detailed(
    merchant: str,
    *,
    client: AuthenticatedClient,
    body: ImportPickupPointsRequest | File | Unset = UNSET,
    mode: PickupPointImportMode | Unset = UNSET,
    set_etag: str | Unset = UNSET,
) -> Response[ErrorResponse | ImportPickupPointsResponse]:
    """Import pickup points

     Stores points into the merchant's set, as JSON (`{"pickup_points": [...]}`, each in the
    configuration file's `pickup_locations` shape) or as CSV (`Content-Type: text/csv`).
    `mode=UPSERT` (the default) adds them, replacing points of the same id, so a large set
    can arrive in parts; `mode=REPLACE` makes them the whole set, removing every other
    point. Every problem is named (a JSON point by its path, a CSV one by its line) and
    nothing is stored while there is one. The answer comes once the points are stored;
    quotes use them once the index built from them is swapped in, off the request path.

    The CSV form has a header line naming its columns: `id`, `carrier`, `title`,
    `location_type`, `country_code`, `lat`, `lng` and, when wanted, `external_id` (the id
    when absent), `address_line`, `postal_code`, `city`, `region_code`, `monday` ..
    `sunday` (intervals `HH:MM-HH:MM`, separated by spaces) and `opening_hours_text`.

    Args:
        merchant (str):
        mode (PickupPointImportMode | Unset): What an import does with the points already stored.
        set_etag (str | Unset):
        body (ImportPickupPointsRequest): Points to import, as JSON.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ImportPickupPointsResponse]
    """

    kwargs = _get_kwargs(
        merchant=merchant,
        body=body,
        mode=mode,
        set_etag=set_etag,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    merchant: str,
    *,
    client: AuthenticatedClient,
    body: ImportPickupPointsRequest | File | Unset = UNSET,
    mode: PickupPointImportMode | Unset = UNSET,
    set_etag: str | Unset = UNSET,
) -> ErrorResponse | ImportPickupPointsResponse | None:
    """Import pickup points

     Stores points into the merchant's set, as JSON (`{"pickup_points": [...]}`, each in the
    configuration file's `pickup_locations` shape) or as CSV (`Content-Type: text/csv`).
    `mode=UPSERT` (the default) adds them, replacing points of the same id, so a large set
    can arrive in parts; `mode=REPLACE` makes them the whole set, removing every other
    point. Every problem is named (a JSON point by its path, a CSV one by its line) and
    nothing is stored while there is one. The answer comes once the points are stored;
    quotes use them once the index built from them is swapped in, off the request path.

    The CSV form has a header line naming its columns: `id`, `carrier`, `title`,
    `location_type`, `country_code`, `lat`, `lng` and, when wanted, `external_id` (the id
    when absent), `address_line`, `postal_code`, `city`, `region_code`, `monday` ..
    `sunday` (intervals `HH:MM-HH:MM`, separated by spaces) and `opening_hours_text`.

    Args:
        merchant (str):
        mode (PickupPointImportMode | Unset): What an import does with the points already stored.
        set_etag (str | Unset):
        body (ImportPickupPointsRequest): Points to import, as JSON.
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ImportPickupPointsResponse
    """

    return (
        await asyncio_detailed(
            merchant=merchant,
            client=client,
            body=body,
            mode=mode,
            set_etag=set_etag,
        )
    ).parsed
