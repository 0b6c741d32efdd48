from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.preview_delivery_config_body import PreviewDeliveryConfigBody
from ...models.session import Session
from ...types import Response


def _get_kwargs(
    merchant: str,
    *,
    body: PreviewDeliveryConfigBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/merchants/{merchant}/deliveryConfig:preview".format(
            merchant=quote(str(merchant), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | Session | None:
    if response.status_code == 200:
        response_200 = Session.from_dict(response.json())

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
) -> Response[ErrorResponse | Session]:
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
    body: PreviewDeliveryConfigBody,
) -> Response[ErrorResponse | Session]:
    """Preview a delivery configuration

     Computes the session a customer would get for `session` (as create takes it) with the
    draft `config`, or with the current configuration when it is absent. Nothing is stored:
    no session, no revision and no event; the answer has no name and no etag.

    Args:
        merchant (str):
        body (PreviewDeliveryConfigBody): Body of `deliveryConfig:preview`: a session as create
            takes it, quoted with `config` (or
            the current configuration when absent). Nothing is stored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Session]
    """

    kwargs = _get_kwargs(
        merchant=merchant,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    merchant: str,
    *,
    client: AuthenticatedClient,
    body: PreviewDeliveryConfigBody,
) -> ErrorResponse | Session | None:
    """Preview a delivery configuration

     Computes the session a customer would get for `session` (as create takes it) with the
    draft `config`, or with the current configuration when it is absent. Nothing is stored:
    no session, no revision and no event; the answer has no name and no etag.

    Args:
        merchant (str):
        body (PreviewDeliveryConfigBody): Body of `deliveryConfig:preview`: a session as create
            takes it, quoted with `config` (or
            the current configuration when absent). Nothing is stored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Session
    """

    return sync_detailed(
        merchant=merchant,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    merchant: str,
    *,
    client: AuthenticatedClient,
    body: PreviewDeliveryConfigBody,
) -> Response[ErrorResponse | Session]:
    """Preview a delivery configuration

     Computes the session a customer would get for `session` (as create takes it) with the
    draft `config`, or with the current configuration when it is absent. Nothing is stored:
    no session, no revision and no event; the answer has no name and no etag.

    Args:
        merchant (str):
        body (PreviewDeliveryConfigBody): Body of `deliveryConfig:preview`: a session as create
            takes it, quoted with `config` (or
            the current configuration when absent). Nothing is stored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Session]
    """

    kwargs = _get_kwargs(
        merchant=merchant,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    merchant: str,
    *,
    client: AuthenticatedClient,
    body: PreviewDeliveryConfigBody,
) -> ErrorResponse | Session | None:
    """Preview a delivery configuration

     Computes the session a customer would get for `session` (as create takes it) with the
    draft `config`, or with the current configuration when it is absent. Nothing is stored:
    no session, no revision and no event; the answer has no name and no etag.

    Args:
        merchant (str):
        body (PreviewDeliveryConfigBody): Body of `deliveryConfig:preview`: a session as create
            takes it, quoted with `config` (or
            the current configuration when absent). Nothing is stored.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Session
    """

    return (
        await asyncio_detailed(
            merchant=merchant,
            client=client,
            body=body,
        )
    ).parsed
