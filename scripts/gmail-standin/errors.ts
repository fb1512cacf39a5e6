/**
 * Google's JSON error shape, `{error: {code, message, errors: [{message, domain, reason}], status}}`.
 * https://cloud.google.com/apis/design/errors#http_mapping and
 * https://developers.google.com/gmail/api/guides/handle-errors
 */
export interface GoogleErrorBody {
  error: {
    code: number;
    message: string;
    errors: { message: string; domain: string; reason: string; location?: string; locationType?: string }[];
    status: string;
  };
}

const STATUS_BY_CODE: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'ABORTED',
  412: 'FAILED_PRECONDITION',
  413: 'INVALID_ARGUMENT',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

const REASON_BY_CODE: Record<number, string> = {
  400: 'invalidArgument',
  401: 'authError',
  403: 'forbidden',
  404: 'notFound',
  405: 'httpMethodNotAllowed',
  409: 'conflict',
  412: 'failedPrecondition',
  429: 'rateLimitExceeded',
  500: 'backendError',
  503: 'backendError',
};

export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly reason: string = REASON_BY_CODE[code] ?? 'unknown',
    readonly domain: string = 'global',
    readonly extra: { location?: string; locationType?: string; errorMessage?: string } = {},
  ) {
    super(message);
  }

  toBody(): GoogleErrorBody {
    const detail: GoogleErrorBody['error']['errors'][number] = {
      message: this.extra.errorMessage ?? this.message,
      domain: this.domain,
      reason: this.reason,
    };
    if (this.extra.location) detail.location = this.extra.location;
    if (this.extra.locationType) detail.locationType = this.extra.locationType;
    return {
      error: {
        code: this.code,
        message: this.message,
        errors: [detail],
        status: STATUS_BY_CODE[this.code] ?? 'UNKNOWN',
      },
    };
  }
}

export const notFound = (): ApiError => new ApiError(404, 'Requested entity was not found.');
export const invalidArgument = (message: string): ApiError => new ApiError(400, message);
export const badRequest = (message: string): ApiError => new ApiError(400, message, 'badRequest');
