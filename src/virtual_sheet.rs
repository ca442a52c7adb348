//! 虚拟支付's sheet, `wx.requestVirtualPayment`: what it takes, as rules both halves apply.
//! The server signer ([`virtual_payment`](crate::virtual_payment), feature `v3-rules`)
//! checks signData's fields before it signs; the mini-program page checks every
//! parameter before the sheet opens, with these tables generated into `wire.js` (the
//! page build has no JSON parser in Rust, so each side parses with its own and applies
//! [`SIGN_DATA_FIELDS`]).
//!
//! Facts and sources: docs/runtime.md, "虚拟支付".

/// The page API's name: what `wx.canIUse` is asked and what `paySig` signs before `&`.
pub const API: &str = "requestVirtualPayment";

/// The base library that brought `wx.requestVirtualPayment` (Android, HarmonyOS, Windows).
pub const BASE_LIBRARY: &str = "2.19.2";

/// The length of `paySig` and `signature`: HMAC-SHA256 in lowercase hex.
pub const SIG_HEX_LEN: usize = 64;

/// What is bought: the sheet's `mode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// 道具直购: an item of 道具管理, priced in signData (`productId`, `goodsPrice`).
    ShortSeriesGoods,
    /// 代币充值: the app's coins (`buyQuantity` of them).
    ShortSeriesCoin,
}

impl Mode {
    /// Every mode, in the order WeChat's documentation lists them.
    pub const ALL: [Mode; 2] = [Mode::ShortSeriesGoods, Mode::ShortSeriesCoin];

    /// The name the sheet takes.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::ShortSeriesGoods => "short_series_goods",
            Mode::ShortSeriesCoin => "short_series_coin",
        }
    }
}

/// What a signData field holds.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A JSON string of `min..=max` characters, each accepted by `chars` (`None`: any),
    /// the first not `'_'` when `no_leading_underscore`; `one_of`, when not empty, lists
    /// the only values.
    Text {
        /// Fewest characters.
        min: usize,
        /// Most characters.
        max: usize,
        /// Which characters may appear (`None`: any).
        chars: Option<fn(char) -> bool>,
        /// outTradeNo may not start with `_`.
        no_leading_underscore: bool,
        /// The only values, or empty.
        one_of: &'static [&'static str],
    },
    /// A JSON integer from `min` to `max` (WeChat's parser reads numbers as uint32).
    Integer {
        /// Smallest.
        min: u64,
        /// Largest.
        max: u64,
    },
}

/// When a signData field must be there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needed {
    /// In every signData.
    Always,
    /// For this mode only (the server, which does not know the mode, checks it when present).
    ForMode(Mode),
    /// Never; checked when present.
    Optional,
}

/// One field of signData and what to say when it is wrong.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// Its name in the JSON.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// When it is needed.
    pub needed: Needed,
    /// What it must be, for both messages: `signData.<name> is missing: <hint>` and
    /// `signData.<name> must be <hint>`.
    pub hint: &'static str,
}

/// How a field of signData is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldProblem {
    /// Needed and not there.
    Missing,
    /// There, but not of its kind.
    Wrong,
}

impl FieldProblem {
    /// What goes between `signData.<name>` and the field's hint.
    pub fn joint(self) -> &'static str {
        match self {
            FieldProblem::Missing => " is missing: ",
            FieldProblem::Wrong => " must be ",
        }
    }
}

/// A JSON value as far as [`Field::accepts`] looks at it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Json<'a> {
    /// A string.
    Text(&'a str),
    /// A number without a fraction that fits a u64.
    Integer(u64),
    /// Anything else (another number, `null`, `true`, an array, an object).
    Other,
}

// By name, which is unique: `kind` holds a fn pointer, whose comparison means nothing.
impl PartialEq for Field {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Field {}

impl Field {
    /// What to say about this field's `problem`.
    pub fn message(&self, problem: FieldProblem) -> alloc::string::String {
        alloc::format!("signData.{}{}{}", self.name, problem.joint(), self.hint)
    }

    /// Whether `value` is of this field's kind.
    pub fn accepts(&self, value: Json<'_>) -> bool {
        match (self.kind, value) {
            (Kind::Text { min, max, chars, no_leading_underscore, one_of }, Json::Text(s)) => {
                let n = s.chars().count();
                (one_of.is_empty() || one_of.contains(&s))
                    && (min..=max).contains(&n)
                    && chars.is_none_or(|fits| s.chars().all(fits))
                    && !(no_leading_underscore && s.starts_with('_'))
            }
            (Kind::Integer { min, max }, Json::Integer(n)) => (min..=max).contains(&n),
            _ => false,
        }
    }
}

const UINT32_MAX: u64 = 4_294_967_295;

fn out_trade_no_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "_-|*@".contains(c)
}

const ANY_TEXT: Kind = Kind::Text { min: 0, max: usize::MAX, chars: None, no_leading_underscore: false, one_of: &[] };
const SOME_TEXT: Kind = Kind::Text { min: 1, max: usize::MAX, chars: None, no_leading_underscore: false, one_of: &[] };

/// signData's fields (developers.weixin.qq.com, wx.requestVirtualPayment).
pub const SIGN_DATA_FIELDS: &[Field] = &[
    Field {
        name: "offerId",
        kind: SOME_TEXT,
        needed: Needed::Always,
        hint: "the OfferID (虚拟支付 → 基础配置), a JSON string",
    },
    Field {
        name: "buyQuantity",
        kind: Kind::Integer { min: 1, max: UINT32_MAX },
        needed: Needed::Always,
        hint: "a JSON integer ≥ 1, not \"1\"",
    },
    Field {
        name: "env",
        kind: Kind::Integer { min: 0, max: 1 },
        needed: Needed::Optional,
        hint: "0 or 1 (sandbox: its own AppKey)",
    },
    Field {
        name: "currencyType",
        kind: Kind::Text { min: 3, max: 3, chars: None, no_leading_underscore: false, one_of: &["CNY"] },
        needed: Needed::Always,
        hint: "\"CNY\"",
    },
    Field {
        name: "productId",
        kind: SOME_TEXT,
        needed: Needed::ForMode(Mode::ShortSeriesGoods),
        hint: "the 道具ID, for short_series_goods",
    },
    Field {
        name: "goodsPrice",
        kind: Kind::Integer { min: 1, max: UINT32_MAX },
        needed: Needed::ForMode(Mode::ShortSeriesGoods),
        hint: "the price in fen, an integer, for short_series_goods",
    },
    Field {
        name: "activitySellingPrice",
        kind: Kind::Integer { min: 1, max: UINT32_MAX },
        needed: Needed::Optional,
        hint: "a price in fen, an integer",
    },
    Field {
        name: "outTradeNo",
        kind: Kind::Text { min: 8, max: 32, chars: Some(out_trade_no_char), no_leading_underscore: true, one_of: &[] },
        needed: Needed::Always,
        hint: "8 to 32 of 0-9A-Za-z_-|*@, not _ first",
    },
    Field { name: "attach", kind: ANY_TEXT, needed: Needed::Always, hint: "a JSON string (\"\" for none)" },
];

/// The first field of signData that is missing (as `mode` needs; `None`: the server, which
/// checks mode-only fields when present) or not of its kind. `lookup` answers a field's
/// value, `None` when absent.
pub fn check_sign_data<'a>(
    mode: Option<Mode>,
    lookup: impl Fn(&str) -> Option<Json<'a>>,
) -> Result<(), (&'static Field, FieldProblem)> {
    for field in SIGN_DATA_FIELDS {
        match lookup(field.name) {
            Some(value) if !field.accepts(value) => return Err((field, FieldProblem::Wrong)),
            Some(_) => {}
            None => {
                let needed = match field.needed {
                    Needed::Always => true,
                    Needed::ForMode(m) => mode == Some(m),
                    Needed::Optional => false,
                };
                if needed {
                    return Err((field, FieldProblem::Missing));
                }
            }
        }
    }
    Ok(())
}

/// Why the page refused the sheet's parameters, besides a field of signData ([`check_sign_data`];
/// code `InvalidSignData`). The server's errors are [`virtual_payment::Error`](crate::virtual_payment)'s.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SheetError {
    /// signData is not a string (an object: the classic mistake).
    SignDataNotText,
    /// signData is a string but not the JSON text of an object.
    SignDataNotJson,
    /// mode is none of [`Mode::ALL`].
    UnknownMode,
    /// paySig is not 64 lowercase hex digits.
    PaySig,
    /// signature is not 64 lowercase hex digits.
    Signature,
    /// This WeChat has no `wx.requestVirtualPayment`.
    Unsupported,
}

impl SheetError {
    /// Every error.
    pub const ALL: [SheetError; 6] = [
        SheetError::SignDataNotText,
        SheetError::SignDataNotJson,
        SheetError::UnknownMode,
        SheetError::PaySig,
        SheetError::Signature,
        SheetError::Unsupported,
    ];

    /// A stable identifier (the page's `WxPayError.code`).
    pub fn code(&self) -> &'static str {
        match self {
            SheetError::SignDataNotText | SheetError::SignDataNotJson => "InvalidSignData",
            SheetError::UnknownMode => "InvalidMode",
            SheetError::PaySig => "InvalidPaySig",
            SheetError::Signature => "InvalidSignature",
            SheetError::Unsupported => "Unsupported",
        }
    }

    /// What went wrong and what to do about it.
    pub fn message(&self) -> &'static str {
        match self {
            SheetError::SignDataNotText => {
                "signData must be the JSON string your server signed, unchanged: not an object"
            }
            SheetError::SignDataNotJson => "signData must be the JSON text of an object, as signed",
            SheetError::UnknownMode => "mode must be \"short_series_goods\" or \"short_series_coin\"",
            SheetError::PaySig => {
                "paySig must be 64 lowercase hex: HMAC-SHA256(AppKey, \"requestVirtualPayment&\" + signData)"
            }
            SheetError::Signature => "signature must be 64 lowercase hex: HMAC-SHA256(session_key, signData)",
            SheetError::Unsupported => "needs base library 2.19.2 (iOS: WeChat 8.0.68), no plugin: see wx.canIUse",
        }
    }
}

/// Whether `paySig` or `signature` is 64 lowercase hex digits.
pub fn sig_fits(sig: &str) -> bool {
    sig.len() == SIG_HEX_LEN && sig.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(name: &str) -> &'static Field {
        SIGN_DATA_FIELDS.iter().find(|f| f.name == name).unwrap()
    }

    #[test]
    fn out_trade_no_is_8_to_32_of_its_characters_not_starting_with_underscore() {
        let f = field("outTradeNo");
        for ok in ["VP202512", "a-b|c*d@e_f", &"9".repeat(32)] {
            assert!(f.accepts(Json::Text(ok)), "{ok}");
        }
        for bad in ["VP20251", &"9".repeat(33), "_VP20251201", "VP2025 1201", "VP2025120#", "订单20251201"] {
            assert!(!f.accepts(Json::Text(bad)), "{bad}");
        }
        assert!(!f.accepts(Json::Integer(20251201)));
    }

    #[test]
    fn numbers_are_integers_and_strings_are_strings() {
        assert!(!field("offerId").accepts(Json::Integer(1450000000)));
        assert!(!field("buyQuantity").accepts(Json::Text("1")));
        assert!(!field("buyQuantity").accepts(Json::Integer(0)));
        assert!(!field("env").accepts(Json::Integer(2)));
        assert!(!field("currencyType").accepts(Json::Text("cny")));
        assert!(field("attach").accepts(Json::Text("")));
        assert!(!field("goodsPrice").accepts(Json::Other));
    }

    #[test]
    fn what_is_needed_depends_on_the_mode() {
        let coin = |name: &str| match name {
            "offerId" => Some(Json::Text("1450000000")),
            "buyQuantity" => Some(Json::Integer(60)),
            "currencyType" => Some(Json::Text("CNY")),
            "outTradeNo" => Some(Json::Text("VP20251201000002")),
            "attach" => Some(Json::Text("")),
            _ => None,
        };
        assert_eq!(check_sign_data(Some(Mode::ShortSeriesCoin), coin), Ok(()));
        assert_eq!(check_sign_data(None, coin), Ok(()));
        let named = |r: Result<(), (&Field, FieldProblem)>| r.map_err(|(f, p)| f.message(p));
        let missing = |name: &str| Err(field(name).message(FieldProblem::Missing));
        assert_eq!(named(check_sign_data(Some(Mode::ShortSeriesGoods), coin)), missing("productId"));
        let no_attach = |name: &str| if name == "attach" { None } else { coin(name) };
        assert_eq!(named(check_sign_data(None, no_attach)), missing("attach"));
        assert_eq!(
            field("attach").message(FieldProblem::Missing),
            "signData.attach is missing: a JSON string (\"\" for none)"
        );
    }

    #[test]
    fn sigs_are_64_lowercase_hex() {
        assert!(sig_fits(&"0a".repeat(32)));
        assert!(!sig_fits(&"0A".repeat(32)));
        assert!(!sig_fits(&"0a".repeat(16)));
        assert!(!sig_fits(&"0g".repeat(32)));
    }

    #[test]
    fn the_messages_name_what_they_check() {
        assert!(SheetError::UnknownMode.message().contains(Mode::ALL[1].as_str()));
        assert!(SheetError::Unsupported.message().contains(BASE_LIBRARY));
        for (name, e) in [("paySig", SheetError::PaySig), ("signature", SheetError::Signature)] {
            assert!(e.message().starts_with(name) && e.message().contains(&SIG_HEX_LEN.to_string()));
        }
    }
}
