/** Client for test/support/test-endpoint.mjs: a real HTTP endpoint served by the test runner. */

export interface ScriptedResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
}

export interface ReceivedRequest {
  method: string;
  /** Path and query as the server saw them. */
  url: string;
  headers: Record<string, string>;
  body: string;
  cookie: string | null;
}

export class TestEndpoint {
  readonly bucket = `b${crypto.randomUUID().replaceAll('-', '')}`;

  /** The URL the widget posts to. */
  get url(): string {
    return `/test-endpoint/${this.bucket}/leads`;
  }

  async script(...responses: ScriptedResponse[]): Promise<void> {
    await fetch(`/test-endpoint/${this.bucket}/script`, { method: 'POST', body: JSON.stringify(responses) });
  }

  async received(): Promise<ReceivedRequest[]> {
    const response = await fetch(`/test-endpoint/${this.bucket}/received`);
    return (await response.json()) as ReceivedRequest[];
  }
}
