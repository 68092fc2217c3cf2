import type { Response } from 'supertest';

/** The answer past the allowance: Strapi's error format with status 429, and a Retry-After that agrees with it. */
export const expectRateLimitRefusal = (response: Response): void => {
  expect(response.status).toBe(429);
  expect(response.body).toEqual({
    data: null,
    error: {
      status: 429,
      name: 'RateLimitError',
      message: 'Too many requests, please try again later.',
      details: { retryAfterSeconds: expect.any(Number) },
    },
  });
  const retryAfter = Number(response.headers['retry-after']);
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(response.body.error.details.retryAfterSeconds).toBe(retryAfter);
};
