//! 商家转账 (a merchant's transfer to a user, the API of 2025-01-15): the transfer bill's
//! fields that WeChat Pay would refuse, checked before it is sent. The bill is created in
//! `WAIT_USER_CONFIRM`, its `package_info` goes to the page's `wx.requestMerchantTransfer`
//! ([`crate::merchant_transfer`]), and `MCHTRANSFER.BILL.FINISHED` says how it ended.
//! Field rules: pay.weixin.qq.com/doc/v3/partner/4015469096 (发起转账's field table) and
//! …/merchant/4012716458 (撤销转账); docs/runtime.md, "商家转账".

use base64ct::{Base64, Encoding};

use super::error::{Amount, Error, UserNameProblem};

/// The notification's `event_type` when a bill reaches its end (SUCCESS, FAIL, CANCELLED).
pub const BILL_FINISHED_EVENT: &str = "MCHTRANSFER.BILL.FINISHED";

/// From this amount in fen (2,000 yuan) WeChat Pay wants the payee's name, `user_name`.
pub const USER_NAME_REQUIRED_FROM_FEN: i64 = 200_000;

/// The lengths of an RSA-OAEP ciphertext in bytes, for each size of WeChat Pay's key.
const RSA_CIPHERTEXT_BYTES: [usize; 3] = [256, 384, 512];

/// A transfer bill's fields that its rules are about; the others are sent as given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TransferBill<'a> {
    /// 商户单号.
    pub out_bill_no: &'a str,
    /// 转账场景ID, from 商户平台 → 产品中心 → 商家转账 (e.g. `1000`, 现金营销).
    pub transfer_scene_id: &'a str,
    /// 转账金额 in fen.
    pub transfer_amount: i64,
    /// 转账备注, shown to the user on the sheet.
    pub transfer_remark: &'a str,
    /// 收款用户姓名, encrypted ([`super::Encrypted::ciphertext`]); its serial goes in
    /// `Wechatpay-Serial`.
    pub user_name: Option<&'a str>,
}

/// `out_bill_no`: 1 to 32 letters and digits ("商户单号 string(32) 只能由数字、大小写字母组成";
/// unlike out_trade_no, no `_ - | *`).
pub fn check_out_bill_no(out_bill_no: &str) -> Result<(), Error> {
    let ok = (1..=32).contains(&out_bill_no.len()) && out_bill_no.bytes().all(|b| b.is_ascii_alphanumeric());
    ok.then_some(()).ok_or(Error::InvalidOutBillNo)
}

/// Whether `user_name` is what encrypting a name gives: base64 of an RSA-OAEP ciphertext.
/// A plain name never is (it would be 344 or more letters, digits, `+` and `/`).
fn is_ciphertext(user_name: &str) -> bool {
    Base64::decode_vec(user_name).is_ok_and(|bytes| RSA_CIPHERTEXT_BYTES.contains(&bytes.len()))
}

/// A `user_name` a host is about to encrypt: plain text. An already encrypted one is
/// refused, since the serial of the key it was encrypted with is not known here.
pub fn check_plain_user_name(user_name: &str) -> Result<(), Error> {
    (!is_ciphertext(user_name)).then_some(()).ok_or(Error::InvalidUserName(UserNameProblem::EncryptedWithoutSerial))
}

/// A transfer bill's fields, in the order WeChat Pay's table lists them.
pub fn check_transfer_bill(bill: &TransferBill<'_>) -> Result<(), Error> {
    check_out_bill_no(bill.out_bill_no)?;
    let scene = bill.transfer_scene_id;
    let scene_ok = (1..=36).contains(&scene.len()) && scene.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    scene_ok.then_some(()).ok_or(Error::InvalidTransferSceneId)?;
    super::calls::check_amount(Amount::Transfer, bill.transfer_amount)?;
    let remark = bill.transfer_remark.chars().count();
    (1..=32).contains(&remark).then_some(()).ok_or(Error::InvalidTransferRemark)?;
    match bill.user_name {
        Some(name) if !is_ciphertext(name) => Err(Error::InvalidUserName(UserNameProblem::NotEncrypted)),
        None if bill.transfer_amount >= USER_NAME_REQUIRED_FROM_FEN => {
            Err(Error::InvalidUserName(UserNameProblem::Missing))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bill() -> TransferBill<'static> {
        TransferBill {
            out_bill_no: "plfk2020042013",
            transfer_scene_id: "1000",
            transfer_amount: 400_000,
            transfer_remark: "2020年4月报销",
            user_name: None,
        }
    }

    #[test]
    fn a_bill_s_fields_follow_wechat_pay_s_table() {
        let sealed = Base64::encode_string(&[7u8; 256]);
        let good = TransferBill { user_name: Some(&sealed), ..bill() };
        assert_eq!(check_transfer_bill(&good), Ok(()));
        assert_eq!(check_transfer_bill(&TransferBill { transfer_amount: 199_999, ..bill() }), Ok(()));
        let refused = [
            (TransferBill { out_bill_no: "plfk_2020", ..good }, Error::InvalidOutBillNo),
            (TransferBill { out_bill_no: "", ..good }, Error::InvalidOutBillNo),
            (TransferBill { out_bill_no: &"9".repeat(33), ..good }, Error::InvalidOutBillNo),
            (TransferBill { transfer_scene_id: "", ..good }, Error::InvalidTransferSceneId),
            (TransferBill { transfer_scene_id: "1000 现金营销", ..good }, Error::InvalidTransferSceneId),
            (TransferBill { transfer_amount: 0, ..good }, Error::InvalidAmount(Amount::Transfer)),
            (TransferBill { transfer_remark: "", ..good }, Error::InvalidTransferRemark),
            (TransferBill { transfer_remark: &"提".repeat(33), ..good }, Error::InvalidTransferRemark),
            (TransferBill { user_name: Some("张三"), ..good }, Error::InvalidUserName(UserNameProblem::NotEncrypted)),
            (TransferBill { user_name: None, ..good }, Error::InvalidUserName(UserNameProblem::Missing)),
        ];
        for (bill, error) in refused {
            assert_eq!(check_transfer_bill(&bill), Err(error), "{bill:?}");
        }
        assert_eq!(check_transfer_bill(&TransferBill { transfer_remark: &"提".repeat(32), ..good }), Ok(()));
    }

    #[test]
    fn a_name_to_encrypt_is_plain_text() {
        assert_eq!(check_plain_user_name("张三"), Ok(()));
        assert_eq!(check_plain_user_name(&Base64::encode_string(&[1u8; 100])), Ok(()));
        let sealed = Base64::encode_string(&[7u8; 256]);
        assert_eq!(
            check_plain_user_name(&sealed),
            Err(Error::InvalidUserName(UserNameProblem::EncryptedWithoutSerial))
        );
    }
}
