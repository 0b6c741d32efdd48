from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.api_key import ApiKey
from ...models.error_response import ErrorResponse
from ...types import Response


def _get_kwargs(
    merchant: str,
    *,
    body: ApiKey,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/merchants/{merchant}/apiKeys".format(
            merchant=quote(str(merchant), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json; charset=utf-8"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> ApiKey | ErrorResponse | None:
    if response.status_code == 200:
        response_200 = ApiKey.from_dict(response.json())

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
) -> Response[ApiKey | ErrorResponse]:
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
    body: ApiKey,
) -> Response[ApiKey | ErrorResponse]:
    """Create an API key

     Issues a key with the given scopes: `CHECKOUT` for a storefront's session calls,
    `ADMIN` for configuration and keys. The answer carries the whole key once; only its hash
    is stored.

    Args:
        merchant (str):
        body (ApiKey): One of the merchant's API keys. The secret is shown once, in the answer
            that creates it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKey | ErrorResponse]
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
    body: ApiKey,
) -> ApiKey | ErrorResponse | None:
    """Create an API key

     Issues a key with the given scopes: `CHECKOUT` for a storefront's session calls,
    `ADMIN` for configuration and keys. The answer carries the whole key once; only its hash
    is stored.

    Args:
        merchant (str):
        body (ApiKey): One of the merchant's API keys. The secret is shown once, in the answer
            that creates it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKey | ErrorResponse
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
    body: ApiKey,
) -> Response[ApiKey | ErrorResponse]:
    """Create an API key

     Issues a key with the given scopes: `CHECKOUT` for a storefront's session calls,
    `ADMIN` for configuration and keys. The answer carries the whole key once; only its hash
    is stored.

    Args:
        merchant (str):
        body (ApiKey): One of the merchant's API keys. The secret is shown once, in the answer
            that creates it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ApiKey | ErrorResponse]
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
    body: ApiKey,
) -> ApiKey | ErrorResponse | None:
    """Create an API key

     Issues a key with the given scopes: `CHECKOUT` for a storefront's session calls,
    `ADMIN` for configuration and keys. The answer carries the whole key once; only its hash
    is stored.

    Args:
        merchant (str):
        body (ApiKey): One of the merchant's API keys. The secret is shown once, in the answer
            that creates it.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ApiKey | ErrorResponse
    """

    return (
        await asyncio_detailed(
            merchant=merchant,
            client=client,
            body=body,
        )
    ).parsed
