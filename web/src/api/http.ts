// One call to the catalog API: JSON in and out, the bearer token when there is one, and every
// failure as an ApiError carrying the SRS error body (code, message, details, correlation id),
// so screens can put a field's error beside the field and quote the correlation id.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly correlationId = '',
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The field the error concerns, when the API named one (`details.field`). */
  get field(): string | undefined {
    return typeof this.details.field === 'string' ? this.details.field : undefined;
  }
}

export interface RequestOptions {
  body?: unknown;
  token?: string;
  signal?: AbortSignal;
}

export async function request<T>(
  method: string,
  path: string,
  { body, token, signal }: RequestOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', 'The catalog could not be reached. Check your connection and try again.');
  }
  const text = await response.text();
  const json = text ? safeParse(text) : undefined;
  if (!response.ok) {
    const error = (json as { error?: Partial<ApiErrorBody> } | undefined)?.error;
    throw new ApiError(
      response.status,
      error?.code ?? `HTTP_${response.status}`,
      error?.message ?? `The catalog answered ${response.status}.`,
      error?.details ?? {},
      error?.correlation_id ?? response.headers.get('X-Correlation-ID') ?? '',
    );
  }
  return json as T;
}

interface ApiErrorBody {
  code: string;
  message: string;
  details: Record<string, unknown>;
  correlation_id: string;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
