from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.error_response import ErrorResponse
from ...models.session import Session
from ...models.session_update import SessionUpdate
from ...types import UNSET, Response, Unset


def _get_kwargs(
    session: str,
    *,
    body: SessionUpdate,
    update_mask: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    params: dict[str, Any] = {}

    params["update_mask"] = update_mask

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/v1/sessions/{session}".format(
            session=quote(str(session), safe=""),
        ),
        "params": params,
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
    session: str,
    *,
    client: AuthenticatedClient,
    body: SessionUpdate,
    update_mask: str | Unset = UNSET,
) -> Response[ErrorResponse | Session]:
    """Update a session

     Changes the purchase, deliveries, search address or external id and recomputes the offer;
    choices whose option is still offered are kept. `update_mask` lists the fields to write
    (`purchase.vouchers,search_address`, or `*` for all); without it, the fields present in
    the body are written. Output-only fields are ignored. Include `etag` in the body to make
    the update conditional.

    Args:
        session (str):
        update_mask (str | Unset):
        body (SessionUpdate): The body of an update: a session's writable members, each optional.
            Without `update_mask`
            the members present are written (each member of `purchase` on its own); with it, the
            masked
            ones, read from here. Either way every member present must be valid. Output-only members
            may be sent back as read, and are ignored.

            Deserialising it only checks the body's shape; `update_mask` reads what it writes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Session]
    """

    kwargs = _get_kwargs(
        session=session,
        body=body,
        update_mask=update_mask,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    session: str,
    *,
    client: AuthenticatedClient,
    body: SessionUpdate,
    update_mask: str | Unset = UNSET,
) -> ErrorResponse | Session | None:
    """Update a session

     Changes the purchase, deliveries, search address or external id and recomputes the offer;
    choices whose option is still offered are kept. `update_mask` lists the fields to write
    (`purchase.vouchers,search_address`, or `*` for all); without it, the fields present in
    the body are written. Output-only fields are ignored. Include `etag` in the body to make
    the update conditional.

    Args:
        session (str):
        update_mask (str | Unset):
        body (SessionUpdate): The body of an update: a session's writable members, each optional.
            Without `update_mask`
            the members present are written (each member of `purchase` on its own); with it, the
            masked
            ones, read from here. Either way every member present must be valid. Output-only members
            may be sent back as read, and are ignored.

            Deserialising it only checks the body's shape; `update_mask` reads what it writes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Session
    """

    return sync_detailed(
        session=session,
        client=client,
        body=body,
        update_mask=update_mask,
    ).parsed


async def asyncio_detailed(
    session: str,
    *,
    client: AuthenticatedClient,
    body: SessionUpdate,
    update_mask: str | Unset = UNSET,
) -> Response[ErrorResponse | Session]:
    """Update a session

     Changes the purchase, deliveries, search address or external id and recomputes the offer;
    choices whose option is still offered are kept. `update_mask` lists the fields to write
    (`purchase.vouchers,search_address`, or `*` for all); without it, the fields present in
    the body are written. Output-only fields are ignored. Include `etag` in the body to make
    the update conditional.

    Args:
        session (str):
        update_mask (str | Unset):
        body (SessionUpdate): The body of an update: a session's writable members, each optional.
            Without `update_mask`
            the members present are written (each member of `purchase` on its own); with it, the
            masked
            ones, read from here. Either way every member present must be valid. Output-only members
            may be sent back as read, and are ignored.

            Deserialising it only checks the body's shape; `update_mask` reads what it writes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ErrorResponse | Session]
    """

    kwargs = _get_kwargs(
        session=session,
        body=body,
        update_mask=update_mask,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    session: str,
    *,
    client: AuthenticatedClient,
    body: SessionUpdate,
    update_mask: str | Unset = UNSET,
) -> ErrorResponse | Session | None:
    """Update a session

     Changes the purchase, deliveries, search address or external id and recomputes the offer;
    choices whose option is still offered are kept. `update_mask` lists the fields to write
    (`purchase.vouchers,search_address`, or `*` for all); without it, the fields present in
    the body are written. Output-only fields are ignored. Include `etag` in the body to make
    the update conditional.

    Args:
        session (str):
        update_mask (str | Unset):
        body (SessionUpdate): The body of an update: a session's writable members, each optional.
            Without `update_mask`
            the members present are written (each member of `purchase` on its own); with it, the
            masked
            ones, read from here. Either way every member present must be valid. Output-only members
            may be sent back as read, and are ignored.

            Deserialising it only checks the body's shape; `update_mask` reads what it writes.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ErrorResponse | Session
    """

    return (
        await asyncio_detailed(
            session=session,
            client=client,
            body=body,
            update_mask=update_mask,
        )
    ).parsed
