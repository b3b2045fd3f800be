//! Retry policy for throttled and unavailable responses (429, 503, 504).

use std::time::Duration;

use chrono::{DateTime, Utc};
use http::{HeaderMap, StatusCode};

/// When and how long to wait before retrying a 429, 503 or 504 response.
///
/// A `Retry-After` header (seconds or an HTTP date) is always honoured: the runtime never retries
/// sooner than asked. When the server asks for more than `max_delay`, the runtime does not retry and
/// returns the [`Error::Api`](crate::runtime::Error::Api) with its `retry_after` set, so the caller
/// can decide. Without `Retry-After`, the delay is `base_delay * 2^attempt`, capped at `max_delay`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (0 disables retrying).
    pub max_retries: u32,
    /// First backoff delay when the server gives no `Retry-After`.
    pub base_delay: Duration,
    /// Longest single wait the runtime accepts.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    /// 3 retries, 1 s base backoff, 60 s cap.
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Whether a response with this status may be retried.
    pub fn is_retryable(status: StatusCode) -> bool {
        matches!(status.as_u16(), 429 | 503 | 504)
    }

    /// The delay before retry number `attempt + 1`, or `None` to give up.
    pub fn delay(&self, attempt: u32, retry_after: Option<Duration>) -> Option<Duration> {
        if attempt >= self.max_retries {
            return None;
        }
        match retry_after {
            Some(asked) if asked > self.max_delay => None,
            Some(asked) => Some(asked),
            None => Some(self.backoff(attempt)),
        }
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let factor = 2u32.saturating_pow(attempt.min(16));
        self.base_delay
            .checked_mul(factor)
            .map_or(self.max_delay, |d| d.min(self.max_delay))
    }
}

/// The `Retry-After` header as a delay from `now`, if present and readable.
pub(crate) fn retry_after(headers: &HeaderMap, now: DateTime<Utc>) -> Option<Duration> {
    let value = headers.get(http::header::RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, now)
}

/// Parses `Retry-After`: delay seconds (integer, leniently a decimal) or an HTTP date.
/// A date in the past reads as zero.
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    if let Ok(seconds) = value.parse::<f64>() {
        return Duration::try_from_secs_f64(seconds).ok();
    }
    let date = DateTime::parse_from_rfc2822(value).ok()?;
    Some(
        (date.with_timezone(&Utc) - now)
            .to_std()
            .unwrap_or(Duration::ZERO),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_seconds_and_dates() {
        let now = DateTime::parse_from_rfc3339("2024-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(parse_retry_after("7", now), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Mon, 01 Jan 2024 00:00:30 GMT", now),
            Some(Duration::from_secs(30))
        );
        assert_eq!(
            parse_retry_after("Sun, 31 Dec 2023 23:00:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn delay_respects_bounds() {
        let policy = RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(10),
            max_delay: Duration::from_millis(30),
        };
        assert_eq!(policy.delay(0, None), Some(Duration::from_millis(10)));
        assert_eq!(policy.delay(1, None), Some(Duration::from_millis(20)));
        assert_eq!(policy.delay(2, None), None);
        assert_eq!(policy.delay(0, Some(Duration::from_secs(1))), None);
        assert_eq!(
            policy.delay(0, Some(Duration::from_millis(5))),
            Some(Duration::from_millis(5))
        );
    }
}
