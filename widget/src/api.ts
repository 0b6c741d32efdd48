// The selector's three calls to the service, with the session token only: read the session,
// choose an option with addons, set the search address's postal code.

import type { components } from "../../clients/typescript/src/headless/schema.js";

export type Session = components["schemas"]["Session"];
export type Delivery = components["schemas"]["Delivery"];
export type Category = components["schemas"]["DeliveryCategory"];
export type Option = components["schemas"]["DeliveryOption"];
export type Addon = components["schemas"]["Addon"];

/// The service could not be reached, or answered something other than the session.
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export class Api {
  constructor(
    private readonly base: string,
    private readonly session: string,
    private readonly token: string,
  ) {}

  private async call(method: string, path: string, body?: unknown): Promise<Session> {
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-store",
      });
    } catch {
      throw new ServiceError("the service cannot be reached", 0);
    }
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ServiceError(`the service answered ${response.status} without JSON`, response.status);
    }
    if (!response.ok) {
      const message =
        (json as { error?: { message?: string } }).error?.message ?? `status ${response.status}`;
      throw new ServiceError(message, response.status);
    }
    return json as Session;
  }

  get(): Promise<Session> {
    return this.call("GET", `/v1/sessions/${this.session}`);
  }

  choose(delivery: string, option: string, addons: string[], etag?: string): Promise<Session> {
    return this.call("POST", `/v1/sessions/${this.session}:chooseDeliveryOptions`, {
      etag,
      delivery_choices: [{ delivery_id: delivery, option_id: option, addon_ids: addons }],
    });
  }

  postalCode(country: string, postalCode: string): Promise<Session> {
    return this.call(
      "PATCH",
      `/v1/sessions/${this.session}?update_mask=search_address`,
      { search_address: { country_code: country, postal_code: postalCode, address_lines: [] } },
    );
  }
}
