from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.pickup_point import PickupPoint
from ...types import Response


def _get_kwargs(
    merchant: str,
    pickup_point: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/merchants/{merchant}/pickupPoints/{pickup_point}".format(
            merchant=quote(str(merchant), safe=""),
            pickup_point=quote(str(pickup_point), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | PickupPoint | None:
    if response.status_code == 200:
        response_200 = PickupPoint.from_dict(response.json())

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
) -> Response[ErrorResponse | PickupPoint]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    merchant: str,
    pickup_point: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | PickupPoint]:
    """Get a pickup point

     One point of the merchant's set, in the configuration file's `pickup_locations` shape.

    Args:
        merchant (str):
        pickup_point (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PickupPoint]
    """

    kwargs = _get_kwargs(
        merchant=merchant,
        pickup_point=pickup_point,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    merchant: str,
    pickup_point: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | PickupPoint | None:
    """Get a pickup point

     One point of the merchant's set, in the configuration file's `pickup_locations` shape.

    Args:
        merchant (str):
        pickup_point (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PickupPoint
    """

    return sync_detailed(
        merchant=merchant,
        pickup_point=pickup_point,
        client=client,
    ).parsed


async def asyncio_detailed(
    merchant: str,
    pickup_point: str,
    *,
    client: AuthenticatedClient,
) -> Response[ErrorResponse | PickupPoint]:
    """Get a pickup point

     One point of the merchant's set, in the configuration file's `pickup_locations` shape.

    Args:
        merchant (str):
        pickup_point (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | PickupPoint]
    """

    kwargs = _get_kwargs(
        merchant=merchant,
        pickup_point=pickup_point,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    merchant: str,
    pickup_point: str,
    *,
    client: AuthenticatedClient,
) -> ErrorResponse | PickupPoint | None:
    """Get a pickup point

     One point of the merchant's set, in the configuration file's `pickup_locations` shape.

    Args:
        merchant (str):
        pickup_point (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | PickupPoint
    """

    return (
        await asyncio_detailed(
            merchant=merchant,
            pickup_point=pickup_point,
            client=client,
        )
    ).parsed
