//! A server-side user: default features (std, serde).
use wxpay_wasm::{build_pay_params, sign, PayRequest, SignType};

fn main() -> Result<(), wxpay_wasm::Error> {
    // WeChat's signature document example and its demo key.
    let params = [
        ("appid", "wxd930ea5d5a258f4f"),
        ("mch_id", "10000100"),
        ("device_info", "1000"),
        ("body", "test"),
        ("nonce_str", "ibuaiVcKdpRxkhJA"),
    ];
    assert_eq!(sign(params, "192006250b4c09247ec02edce69f6a2d", SignType::Md5)?, "9A0A8659F005D6984697E2CA0A9CF3B7");
    let request = PayRequest {
        app_id: "wxd678efh567hg6787",
        prepay_id: "wx2017033010242291fcfe0db70013231072",
        key: "qazwsxedcrfvtgbyhnujmikolp111111",
        sign_type: SignType::Md5,
        time_stamp: None,
        nonce_str: None,
    };
    let pay = build_pay_params(&request, || 1_490_840_662)?;
    // serde: what a server sends to the mini-program.
    let json = serde_json::to_value(&pay).unwrap();
    assert_eq!(json["package"], "prepay_id=wx2017033010242291fcfe0db70013231072");
    assert_eq!(json["nonceStr"].as_str().unwrap().len(), 32);
    println!("native consumer (std, serde): ok");
    Ok(())
}
