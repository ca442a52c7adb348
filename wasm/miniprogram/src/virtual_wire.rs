//! wire.js's part for 虚拟支付's sheet (`wxpay_wasm::virtual_sheet`): `requestVirtualPayment`
//! in the shim checks every parameter with these rules and messages, without the module.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use crate::wire::tests::{char_ranges, class_range, js};
use wxpay_wasm::virtual_sheet::{FieldProblem, Kind, Mode, Needed, SheetError, API, SIGN_DATA_FIELDS, SIG_HEX_LEN};

/// The characters `fits` accepts as a RegExp class body (all of them in the BMP).
fn class(fits: fn(char) -> bool) -> String {
    char_ranges(fits).iter().map(|&(c, end)| class_range(c, end, char_in_class)).collect()
}

/// A character of a RegExp class: ASCII letters and digits as they are, others escaped.
fn char_in_class(c: u32) -> String {
    match char::from_u32(c) {
        Some(ch) if ch.is_ascii_alphanumeric() => ch.to_string(),
        _ => format!("\\u{c:04X}"),
    }
}

/// A field's kind in JavaScript: a RegExp source for a JSON string, `[min, max]` for a JSON integer.
fn kind(kind: Kind) -> String {
    match kind {
        // Any string, any non-empty one: the shortest sources that say so.
        Kind::Text { min: 0, max: usize::MAX, chars: None, no_leading_underscore: false, one_of: [] } => js(""),
        Kind::Text { min: 1, max: usize::MAX, chars: None, no_leading_underscore: false, one_of: [] } => js("[^]"),
        Kind::Text { min, max, chars, no_leading_underscore, one_of } => {
            let body = if one_of.is_empty() {
                let chars = chars.map_or(String::from("\\s\\S"), class);
                let max = if max == usize::MAX { String::new() } else { max.to_string() };
                format!("[{chars}]{{{min},{max}}}")
            } else {
                assert!(one_of.iter().flat_map(|v| v.chars()).all(|c| c.is_ascii_alphanumeric()));
                format!("(?:{})", one_of.join("|"))
            };
            js(&format!("^{}{body}$", if no_leading_underscore { "(?!_)" } else { "" }))
        }
        Kind::Integer { min, max } => format!("[{min}, {max}]"),
    }
}

pub(crate) fn wire_js() -> String {
    let modes: Vec<String> = Mode::ALL.iter().map(|m| js(m.as_str())).collect();
    let fields: Vec<String> = SIGN_DATA_FIELDS
        .iter()
        .map(|f| {
            let needed = match f.needed {
                Needed::Always => String::from("1"),
                Needed::ForMode(m) => js(m.as_str()),
                Needed::Optional => String::from("0"),
            };
            format!("    [{}, {}, {needed}, {}],\n", js(f.name), kind(f.kind), js(f.hint))
        })
        .collect();
    let errors: Vec<String> = SheetError::ALL
        .iter()
        .map(|e| {
            let name = format!("{e:?}");
            format!("    {}{}: [{}, {}],\n", name[..1].to_lowercase(), &name[1..], js(e.code()), js(e.message()))
        })
        .collect();
    format!(
        "// wx.requestVirtualPayment (virtual payment), from src/virtual_sheet.rs.\n\
         exports.VIRTUAL = {{\n  API: {},\n  MODES: [{}],\n  // paySig and signature\n  SIG: {},\n\
         \x20 // signData's fields: [name, a RegExp source (a JSON string) or [min, max] (a JSON integer),\n\
         \x20 // needed (1 always, 0 never, or the mode that needs it), hint]. A message is\n\
         \x20 // 'signData.' + name + MISSING or WRONG + hint, code that of ERRORS.signDataNotJson.\n\
         \x20 FIELDS: [\n{}  ],\n  MISSING: {},\n  WRONG: {},\n  // [code, message]\n  ERRORS: {{\n{}  }},\n}};\n",
        js(API),
        modes.join(", "),
        js(&format!("^[0-9a-f]{{{SIG_HEX_LEN}}}$")),
        fields.concat(),
        js(FieldProblem::Missing.joint()),
        js(FieldProblem::Wrong.joint()),
        errors.concat(),
    )
}
