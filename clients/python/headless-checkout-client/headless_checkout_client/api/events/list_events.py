from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.list_events_response import ListEventsResponse
from ...models.view import View
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page_size: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    view: View | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page_size"] = page_size

    params["page_token"] = page_token

    params["filter"] = filter_

    json_view: str | Unset = UNSET
    if not isinstance(view, Unset):
        json_view = view.value

    params["view"] = json_view

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/events",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ErrorResponse | ListEventsResponse | None:
    if response.status_code == 200:
        response_200 = ListEventsResponse.from_dict(response.json())

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
) -> Response[ErrorResponse | ListEventsResponse]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page_size: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    view: View | Unset = UNSET,
) -> Response[ErrorResponse | ListEventsResponse]:
    """List events

     Lists the merchant's events, newest first, with the state of each webhook delivery, so an
    integrator can see what was sent, what failed and why. `filter` takes terms joined by
    `AND`: `type = "session.completed"`, `session = "sessions/{id}"`, `create_time` bounds.

    Args:
        page_size (int | Unset):
        page_token (str | Unset):
        filter_ (str | Unset):
        view (View | Unset): How much of each resource a list returns (AIP-157 partial responses).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListEventsResponse]
    """

    kwargs = _get_kwargs(
        page_size=page_size,
        page_token=page_token,
        filter_=filter_,
        view=view,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page_size: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    view: View | Unset = UNSET,
) -> ErrorResponse | ListEventsResponse | None:
    """List events

     Lists the merchant's events, newest first, with the state of each webhook delivery, so an
    integrator can see what was sent, what failed and why. `filter` takes terms joined by
    `AND`: `type = "session.completed"`, `session = "sessions/{id}"`, `create_time` bounds.

    Args:
        page_size (int | Unset):
        page_token (str | Unset):
        filter_ (str | Unset):
        view (View | Unset): How much of each resource a list returns (AIP-157 partial responses).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListEventsResponse
    """

    return sync_detailed(
        client=client,
        page_size=page_size,
        page_token=page_token,
        filter_=filter_,
        view=view,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page_size: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    view: View | Unset = UNSET,
) -> Response[ErrorResponse | ListEventsResponse]:
    """List events

     Lists the merchant's events, newest first, with the state of each webhook delivery, so an
    integrator can see what was sent, what failed and why. `filter` takes terms joined by
    `AND`: `type = "session.completed"`, `session = "sessions/{id}"`, `create_time` bounds.

    Args:
        page_size (int | Unset):
        page_token (str | Unset):
        filter_ (str | Unset):
        view (View | Unset): How much of each resource a list returns (AIP-157 partial responses).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | ListEventsResponse]
    """

    kwargs = _get_kwargs(
        page_size=page_size,
        page_token=page_token,
        filter_=filter_,
        view=view,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page_size: int | Unset = UNSET,
    page_token: str | Unset = UNSET,
    filter_: str | Unset = UNSET,
    view: View | Unset = UNSET,
) -> ErrorResponse | ListEventsResponse | None:
    """List events

     Lists the merchant's events, newest first, with the state of each webhook delivery, so an
    integrator can see what was sent, what failed and why. `filter` takes terms joined by
    `AND`: `type = "session.completed"`, `session = "sessions/{id}"`, `create_time` bounds.

    Args:
        page_size (int | Unset):
        page_token (str | Unset):
        filter_ (str | Unset):
        view (View | Unset): How much of each resource a list returns (AIP-157 partial responses).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | ListEventsResponse
    """

    return (
        await asyncio_detailed(
            client=client,
            page_size=page_size,
            page_token=page_token,
            filter_=filter_,
            view=view,
        )
    ).parsed
