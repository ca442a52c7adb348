//! WeChat Pay's answer to a request: read the status before anything else. A 2xx is
//! verified like a notification; anything else is WeChat Pay refusing the request, and
//! is unsigned (a 401 `SIGN_ERROR` above all), so verifying it first would only say
//! "missing header" about the first mistake everyone makes.

use core::fmt;

/// A request WeChat Pay refused: the HTTP status, WeChat Pay's `code` and `message`
/// from the JSON body, and the `Request-ID` to quote to WeChat Pay's support.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    /// The HTTP status (4xx or 5xx; anything not 2xx).
    pub status: u16,
    /// WeChat Pay's error code, e.g. `SIGN_ERROR`, `PARAM_ERROR`; empty when the body had none.
    pub code: String,
    /// WeChat Pay's message, in Chinese; empty when the body had none.
    pub message: String,
    /// The `Request-ID` header, when sent.
    pub request_id: Option<String>,
}

#[derive(serde::Deserialize)]
struct RefusalBody {
    code: Option<String>,
    message: Option<String>,
}

impl ApiError {
    /// The code of every refusal (the Node package's `WxPayError.code`).
    pub const CODE: &str = "ApiError";

    /// The refusal in an answer whose status is not 2xx, read from its JSON body and
    /// `Request-ID` header (any case); `None` for a 2xx answer, which is to be verified.
    pub fn from_answer<N, V>(status: u16, headers: impl IntoIterator<Item = (N, V)>, body: &[u8]) -> Option<ApiError>
    where
        N: AsRef<str>,
        V: AsRef<str>,
    {
        if (200..300).contains(&status) {
            return None;
        }
        let said = serde_json::from_slice::<RefusalBody>(body).ok();
        let (code, message) = said.map(|b| (b.code, b.message)).unwrap_or_default();
        let request_id = headers
            .into_iter()
            .find(|(name, _)| name.as_ref().eq_ignore_ascii_case("Request-ID"))
            .map(|(_, value)| value.as_ref().trim().to_owned());
        Some(ApiError { status, code: code.unwrap_or_default(), message: message.unwrap_or_default(), request_id })
    }

    /// What to check, for the codes a first integration meets; a general hint otherwise.
    pub fn hint(&self) -> &'static str {
        match (self.status, self.code.as_str()) {
            (_, "SIGN_ERROR") | (401, _) => "WeChat Pay refused the request's signature: check mchId, that serialNo is the serial of the certificate whose private key signs (openssl x509 -noout -serial -in apiclient_cert.pem), and that the url and body signed are exactly the ones sent",
            (_, "PARAM_ERROR" | "INVALID_REQUEST") => "WeChat Pay refused a field of the request: its message names it; check the body against the API's documentation",
            (_, "RESOURCE_NOT_EXISTS") => "the resource does not exist; for GET /v3/certificates a merchant without platform certificates uses the WeChat Pay public key (PUB_KEY_ID_…) instead",
            (_, "ORDER_NOT_EXIST") => "no such order: check out_trade_no / transaction_id and mchid",
            (_, "NOT_ENOUGH") => "the merchant account's balance is not enough for this refund or transfer",
            (_, "FREQUENCY_LIMITED") => "too many requests: retry later, with backoff",
            (status, _) if status >= 500 => "WeChat Pay failed: retry the same request later (a POST only if the API says it is idempotent), quoting the Request-ID if it persists",
            _ => "WeChat Pay refused the request: its message says why",
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "WeChat Pay answered {}", self.status)?;
        if !self.code.is_empty() {
            write!(f, " {}", self.code)?;
        }
        if !self.message.is_empty() {
            write!(f, " ({})", self.message)?;
        }
        if let Some(id) = &self.request_id {
            write!(f, ", Request-ID {id}")?;
        }
        write!(f, ": {}", self.hint())
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    use super::*;

    const SIGN_ERROR: &str =
        r#"{"code":"SIGN_ERROR","detail":{"detail":{"issue":"sign not match"}},"message":"签名错误,请检查后再试"}"#;

    #[test]
    fn a_refusal_is_read_from_status_body_and_request_id() {
        let headers = [("request-id", " 08F7-1 "), ("Content-Type", "application/json")];
        let e = ApiError::from_answer(401, headers, SIGN_ERROR.as_bytes()).unwrap();
        assert_eq!((e.status, e.code.as_str(), e.request_id.as_deref()), (401, "SIGN_ERROR", Some("08F7-1")));
        assert_eq!(e.message, "签名错误,请检查后再试");
        let shown = e.to_string();
        assert!(
            shown.starts_with("WeChat Pay answered 401 SIGN_ERROR (签名错误,请检查后再试), Request-ID 08F7-1: "),
            "{shown}"
        );
        assert!(shown.contains("serialNo"), "{shown}");
    }

    #[test]
    fn a_2xx_is_no_refusal_and_any_body_is_read() {
        assert_eq!(ApiError::from_answer::<&str, &str>(200, [], b"{}"), None);
        assert_eq!(ApiError::from_answer::<&str, &str>(204, [], b""), None);
        let e = ApiError::from_answer::<&str, &str>(502, [], b"<html>Bad Gateway</html>").unwrap();
        assert_eq!((e.code.as_str(), e.message.as_str(), e.request_id.as_deref()), ("", "", None));
        assert_eq!(e.to_string(), format!("WeChat Pay answered 502: {}", e.hint()));
        assert!(e.hint().contains("retry"));
    }
}
