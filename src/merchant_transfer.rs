//! 商家转账 (a merchant's transfer to a user, the API of 2025-01-15) on the page: what
//! `wx.requestMerchantTransfer` takes, and the mistakes made with it, as codes and
//! messages. The page wrapper needs no module (it checks and opens a sheet), so the
//! mini-program shim gets these through the generated `wire.js`; the server half (the
//! transfer bill, its fields and its notification) is `v3`'s.
//!
//! The sheet takes `{mchId, appId, package, openId?}` where `package` is the
//! `package_info` that `POST /v3/fund-app/mch-transfer/transfer-bills` answered with the
//! bill in `WAIT_USER_CONFIRM`; it has no Promise form and needs base library 3.3.0
//! (docs/runtime.md, "商家转账").

/// The page API's name, as `wx.canIUse` and its `errMsg` prefix spell it.
pub const SHEET_API: &str = "requestMerchantTransfer";

/// The oldest base library with `wx.requestMerchantTransfer`.
pub const MIN_BASE_LIBRARY: &str = "3.3.0";

/// The state a new bill waits in until the user confirms it on the sheet.
pub const WAIT_USER_CONFIRM: &str = "WAIT_USER_CONFIRM";

/// The most digits a merchant id (商户号) has.
pub const MCH_ID_MAX_LEN: usize = 32;

/// Whether `mch_id` is a merchant id (商户号): 1 to [`MCH_ID_MAX_LEN`] digits.
pub fn is_mch_id(mch_id: &str) -> bool {
    (1..=MCH_ID_MAX_LEN).contains(&mch_id.len()) && mch_id.bytes().all(|b| b.is_ascii_digit())
}

/// What is wrong with the parameters of `wx.requestMerchantTransfer`, or with where it
/// is called. Every message names the field and the fix, never a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetProblem {
    /// `mchId` is not 1 to 32 digits as text.
    MchId,
    /// `appId` is missing or not an AppID.
    AppId,
    /// `package` is missing or not text.
    PackageMissing,
    /// `package` is missing but the answer's `package_info` was passed as it is.
    PackageInfoField,
    /// `package` is a payment's `prepay_id=…` (wx.requestPayment's), not a transfer's.
    PackagePrepayId,
    /// `package` is only digits: the bill's `transfer_bill_no`, not its `package_info`.
    PackageBillNo,
    /// `package` has whitespace or control characters (a copy with a line break).
    PackageText,
    /// `openId` was given but is not an openid.
    OpenId,
    /// This WeChat has no `wx.requestMerchantTransfer` (base library below 3.3.0).
    Unsupported,
}

impl SheetProblem {
    /// Every problem, in the order the page wrapper checks.
    pub const ALL: [SheetProblem; 9] = [
        SheetProblem::MchId,
        SheetProblem::AppId,
        SheetProblem::PackageMissing,
        SheetProblem::PackageInfoField,
        SheetProblem::PackagePrepayId,
        SheetProblem::PackageBillNo,
        SheetProblem::PackageText,
        SheetProblem::OpenId,
        SheetProblem::Unsupported,
    ];

    /// A stable identifier, the shim's `WxPayError.code`.
    pub fn code(self) -> &'static str {
        match self {
            SheetProblem::MchId => "InvalidMchId",
            SheetProblem::AppId => "InvalidAppId",
            SheetProblem::PackageMissing
            | SheetProblem::PackageInfoField
            | SheetProblem::PackagePrepayId
            | SheetProblem::PackageBillNo
            | SheetProblem::PackageText => "InvalidPackage",
            SheetProblem::OpenId => "InvalidOpenId",
            // The sheet cannot open here: the same outcome as a sheet that failed.
            SheetProblem::Unsupported => "Unsupported",
        }
    }

    /// What went wrong and what to do about it.
    pub fn message(self) -> &'static str {
        match self {
            SheetProblem::MchId => "mchId must be the bill's merchant id (商户号): 1 to 32 digits as a string (not mch_id)",
            SheetProblem::AppId => "appId must be the AppID the bill was made for (appId, not appid)",
            SheetProblem::PackageMissing => "package must be the bill's package_info (answered with state WAIT_USER_CONFIRM)",
            SheetProblem::PackageInfoField => "package is missing: pass package: package_info",
            SheetProblem::PackagePrepayId => "package is a payment's prepay_id=… (wx.requestPayment's): pass the bill's package_info",
            SheetProblem::PackageBillNo => "package is only digits (transfer_bill_no?): pass the bill's package_info",
            SheetProblem::PackageText => "package has whitespace: pass package_info as WeChat Pay answered it",
            SheetProblem::OpenId => "openId, when given, must be the payee's openid under appId",
            SheetProblem::Unsupported => "wx.requestMerchantTransfer needs base library 3.3.0 (wx.canIUse is false): ask the user to update WeChat",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_distinct_and_name_their_field() {
        let mut seen = alloc::vec::Vec::new();
        for p in SheetProblem::ALL {
            assert!(!seen.contains(&p.message()), "{p:?}");
            seen.push(p.message());
            let field = match p.code() {
                "InvalidMchId" => "mchId",
                "InvalidAppId" => "appId",
                "InvalidPackage" => "package",
                "InvalidOpenId" => "openId",
                _ => MIN_BASE_LIBRARY,
            };
            assert!(p.message().contains(field), "{p:?}");
        }
    }

    #[test]
    fn a_merchant_id_is_digits() {
        assert!(is_mch_id("1230000109"));
        assert!(is_mch_id(&"9".repeat(32)));
        for bad in ["", "123000010O", " 1230000109", &"9".repeat(33)] {
            assert!(!is_mch_id(bad), "{bad}");
        }
    }
}
