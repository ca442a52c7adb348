
let imports = {};
imports['__wbindgen_placeholder__'] = module.exports;
let wasm;
const { TextDecoder, TextEncoder } = require(`util`);

const heap = new Array(128).fill(undefined);

heap.push(undefined, null, true, false);

function getObject(idx) { return heap[idx]; }

let heap_next = heap.length;

function addHeapObject(obj) {
    if (heap_next === heap.length) heap.push(heap.length + 1);
    const idx = heap_next;
    heap_next = heap[idx];

    heap[idx] = obj;
    return idx;
}

function handleError(f, args) {
    try {
        return f.apply(this, args);
    } catch (e) {
        wasm.__wbindgen_exn_store(addHeapObject(e));
    }
}

let cachedTextDecoder = new TextDecoder('utf-8', { ignoreBOM: true, fatal: true });

cachedTextDecoder.decode();

let cachedUint8ArrayMemory0 = null;

function getUint8ArrayMemory0() {
    if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
        cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
    }
    return cachedUint8ArrayMemory0;
}

function getStringFromWasm0(ptr, len) {
    ptr = ptr >>> 0;
    return cachedTextDecoder.decode(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}

function dropObject(idx) {
    if (idx < 132) return;
    heap[idx] = heap_next;
    heap_next = idx;
}

function takeObject(idx) {
    const ret = getObject(idx);
    dropObject(idx);
    return ret;
}

function isLikeNone(x) {
    return x === undefined || x === null;
}

let cachedDataViewMemory0 = null;

function getDataViewMemory0() {
    if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || (cachedDataViewMemory0.buffer.detached === undefined && cachedDataViewMemory0.buffer !== wasm.memory.buffer)) {
        cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
    }
    return cachedDataViewMemory0;
}

let WASM_VECTOR_LEN = 0;

let cachedTextEncoder = new TextEncoder('utf-8');

const encodeString = (typeof cachedTextEncoder.encodeInto === 'function'
    ? function (arg, view) {
    return cachedTextEncoder.encodeInto(arg, view);
}
    : function (arg, view) {
    const buf = cachedTextEncoder.encode(arg);
    view.set(buf);
    return {
        read: arg.length,
        written: buf.length
    };
});

function passStringToWasm0(arg, malloc, realloc) {

    if (realloc === undefined) {
        const buf = cachedTextEncoder.encode(arg);
        const ptr = malloc(buf.length, 1) >>> 0;
        getUint8ArrayMemory0().subarray(ptr, ptr + buf.length).set(buf);
        WASM_VECTOR_LEN = buf.length;
        return ptr;
    }

    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }

    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
        ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
        const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
        const ret = encodeString(arg, view);

        offset += ret.written;
        ptr = realloc(ptr, len, offset, 1) >>> 0;
    }

    WASM_VECTOR_LEN = offset;
    return ptr;
}
/**
 * `sign(params, key, signType = 'MD5')`: the uppercase hex WeChat Pay v2 signature.
 * @param {any} params
 * @param {any} key
 * @param {any} sign_type
 * @returns {string}
 */
module.exports.sign = function(params, key, sign_type) {
    let deferred2_0;
    let deferred2_1;
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        wasm.sign(retptr, addHeapObject(params), addHeapObject(key), addHeapObject(sign_type));
        var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
        var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
        var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
        var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
        var ptr1 = r0;
        var len1 = r1;
        if (r3) {
            ptr1 = 0; len1 = 0;
            throw takeObject(r2);
        }
        deferred2_0 = ptr1;
        deferred2_1 = len1;
        return getStringFromWasm0(ptr1, len1);
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
        wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
    }
};

/**
 * `requestTextBuffer(capacity)`: a view of `capacity` bytes of this module's memory into
 * which `src/js/api.js` writes a request's text with `TextEncoder.encodeInto` (one call
 * of the host's encoder, where wasm-bindgen's own string passing copies character by
 * character in JavaScript). Good until the next call into the module.
 * @param {number} capacity
 * @returns {Uint8Array}
 */
module.exports.requestTextBuffer = function(capacity) {
    const ret = wasm.requestTextBuffer(capacity);
    return takeObject(ret);
};

/**
 * `nonce(length = 32)`: random letters and digits.
 * @param {any} length
 * @returns {string}
 */
module.exports.nonce = function(length) {
    let deferred2_0;
    let deferred2_1;
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        wasm.nonce(retptr, addHeapObject(length));
        var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
        var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
        var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
        var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
        var ptr1 = r0;
        var len1 = r1;
        if (r3) {
            ptr1 = 0; len1 = 0;
            throw takeObject(r2);
        }
        deferred2_0 = ptr1;
        deferred2_1 = len1;
        return getStringFromWasm0(ptr1, len1);
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
        wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
    }
};

/**
 * `verify(paramsWithSign, key, signType = 'MD5')`: whether its `sign` is right.
 * @param {any} params
 * @param {any} key
 * @param {any} sign_type
 * @returns {boolean}
 */
module.exports.verify = function(params, key, sign_type) {
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        wasm.verify(retptr, addHeapObject(params), addHeapObject(key), addHeapObject(sign_type));
        var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
        var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
        var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
        if (r2) {
            throw takeObject(r1);
        }
        return r0 !== 0;
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
    }
};

/**
 * [`pay_params_lines`] for the usual request, whose fields `src/js/api.js` has read
 * and found to be strings (`signType`, `timeStamp` and `nonceStr` possibly left out):
 * all six, joined, as the first `written` bytes of [`request_text_buffer`]'s text
 * instead of six strings passed one by one, followed by each field's length in UTF-16
 * code units, as JavaScript counts it, or -1 for one left out. `None` when the text
 * holds U+FFFD, which may stand for a lone surrogate: the wrapper then takes
 * [`pay_params_lines`], which tells the two apart.
 * @param {number} written
 * @param {number} app_id
 * @param {number} prepay_id
 * @param {number} key
 * @param {number} sign_type
 * @param {number} time_stamp
 * @param {number} nonce_str
 * @returns {string | undefined}
 */
module.exports.payParamsFromText = function(written, app_id, prepay_id, key, sign_type, time_stamp, nonce_str) {
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        wasm.payParamsFromText(retptr, written, app_id, prepay_id, key, sign_type, time_stamp, nonce_str);
        var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
        var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
        var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
        var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
        if (r3) {
            throw takeObject(r2);
        }
        let v1;
        if (r0 !== 0) {
            v1 = getStringFromWasm0(r0, r1).slice();
            wasm.__wbindgen_free(r0, r1 * 1, 1);
        }
        return v1;
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
    }
};

/**
 * `buildPayParams({appId, prepayId, key, signType = 'MD5', timeStamp?, nonceStr?})`
 * → `timeStamp`, `nonceStr`, `package`, `signType` and `paySign` as [`lines`], from which
 * `src/js/api.js` makes the object `wx.requestPayment` takes.
 * @param {any} request
 * @returns {string}
 */
module.exports.payParamsLines = function(request) {
    let deferred2_0;
    let deferred2_1;
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        wasm.payParamsLines(retptr, addHeapObject(request));
        var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
        var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
        var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
        var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
        var ptr1 = r0;
        var len1 = r1;
        if (r3) {
            ptr1 = 0; len1 = 0;
            throw takeObject(r2);
        }
        deferred2_0 = ptr1;
        deferred2_1 = len1;
        return getStringFromWasm0(ptr1, len1);
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
        wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
    }
};

/**
 * Makes `new ctor(code, message)` the error every function here throws.
 * @param {Function} ctor
 */
module.exports.setErrorClass = function(ctor) {
    wasm.setErrorClass(addHeapObject(ctor));
};

let stack_pointer = 128;

function addBorrowedObject(obj) {
    if (stack_pointer == 1) throw new Error('out of js stack');
    heap[--stack_pointer] = obj;
    return stack_pointer;
}
/**
 * `v3CheckOrder(outTradeNo, total)`: a JSAPI order's `out_trade_no` and `amount.total`.
 * @param {any} out_trade_no
 * @param {any} total
 */
module.exports.v3CheckOrder = function(out_trade_no, total) {
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        wasm.v3CheckOrder(retptr, addHeapObject(out_trade_no), addHeapObject(total));
        var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
        var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
        if (r1) {
            throw takeObject(r0);
        }
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
    }
};

/**
 * `v3PrivateKey(pem)` → `[der, pkcs1]` of the merchant's private key, every rule checked.
 * @param {any} pem
 * @returns {Array<any>}
 */
module.exports.v3PrivateKey = function(pem) {
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        wasm.v3PrivateKey(retptr, addHeapObject(pem));
        var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
        var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
        var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
        if (r2) {
            throw takeObject(r1);
        }
        return takeObject(r0);
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
    }
};

/**
 * `v3Call(call, id, transactionId, mchId)` → `METHOD path`: `call` one of `jsapiOrder`,
 * `queryOrder`, `closeOrder`, `refund`, `queryRefund`, `certificates` (the wrapper's own names); `id`
 * the out_trade_no or out_refund_no its path holds (a query: or `transactionId`).
 * @param {string} call
 * @param {any} id
 * @param {any} transaction_id
 * @param {string} mch_id
 * @returns {string}
 */
module.exports.v3Call = function(call, id, transaction_id, mch_id) {
    let deferred4_0;
    let deferred4_1;
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        const ptr0 = passStringToWasm0(call, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ptr1 = passStringToWasm0(mch_id, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len1 = WASM_VECTOR_LEN;
        wasm.v3Call(retptr, ptr0, len0, addHeapObject(id), addHeapObject(transaction_id), ptr1, len1);
        var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
        var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
        var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
        var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
        var ptr3 = r0;
        var len3 = r1;
        if (r3) {
            ptr3 = 0; len3 = 0;
            throw takeObject(r2);
        }
        deferred4_0 = ptr3;
        deferred4_1 = len3;
        return getStringFromWasm0(ptr3, len3);
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
        wasm.__wbindgen_free(deferred4_0, deferred4_1, 1);
    }
};

/**
 * `v3PayParams(appId, prepayId, timeStamp?, nonceStr?, rsaSign)` → `timeStamp`,
 * `nonceStr`, `package` and `paySign` as lines (`signType` is always `RSA`).
 * @param {any} app_id
 * @param {any} prepay_id
 * @param {any} time_stamp
 * @param {any} nonce_str
 * @param {Function} rsa_sign
 * @returns {string}
 */
module.exports.v3PayParams = function(app_id, prepay_id, time_stamp, nonce_str, rsa_sign) {
    let deferred2_0;
    let deferred2_1;
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        wasm.v3PayParams(retptr, addHeapObject(app_id), addHeapObject(prepay_id), addHeapObject(time_stamp), addHeapObject(nonce_str), addBorrowedObject(rsa_sign));
        var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
        var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
        var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
        var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
        var ptr1 = r0;
        var len1 = r1;
        if (r3) {
            ptr1 = 0; len1 = 0;
            throw takeObject(r2);
        }
        deferred2_0 = ptr1;
        deferred2_1 = len1;
        return getStringFromWasm0(ptr1, len1);
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
        heap[stack_pointer++] = undefined;
        wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
    }
};

/**
 * `v3TransportError(what)`: the `WxPayError` for what the wrapper's fetch saw:
 * `network`, `timeout` or `answer` (a verified answer it cannot read).
 * @param {string} what
 * @returns {any}
 */
module.exports.v3TransportError = function(what) {
    const ptr0 = passStringToWasm0(what, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    const len0 = WASM_VECTOR_LEN;
    const ret = wasm.v3TransportError(ptr0, len0);
    return takeObject(ret);
};

/**
 * `v3Merchant(mchId, serialNo)`: checks the merchant's ids once, when it is made.
 * @param {any} mch_id
 * @param {any} serial_no
 */
module.exports.v3Merchant = function(mch_id, serial_no) {
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        wasm.v3Merchant(retptr, addHeapObject(mch_id), addHeapObject(serial_no));
        var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
        var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
        if (r1) {
            throw takeObject(r0);
        }
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
    }
};

/**
 * `v3DecryptResource(algorithm, ciphertext, nonce, associatedData, apiV3Key, open)` →
 * the plaintext; `open(nonce, associatedData, ciphertextAndTag)` is the wrapper's
 * AES-256-GCM with the same key, answering the plaintext or null.
 * @param {any} algorithm
 * @param {any} ciphertext
 * @param {any} nonce
 * @param {any} associated_data
 * @param {any} api_v3_key
 * @param {Function} open
 * @returns {string}
 */
module.exports.v3DecryptResource = function(algorithm, ciphertext, nonce, associated_data, api_v3_key, open) {
    let deferred2_0;
    let deferred2_1;
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        wasm.v3DecryptResource(retptr, addHeapObject(algorithm), addHeapObject(ciphertext), addHeapObject(nonce), addHeapObject(associated_data), addHeapObject(api_v3_key), addBorrowedObject(open));
        var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
        var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
        var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
        var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
        var ptr1 = r0;
        var len1 = r1;
        if (r3) {
            ptr1 = 0; len1 = 0;
            throw takeObject(r2);
        }
        deferred2_0 = ptr1;
        deferred2_1 = len1;
        return getStringFromWasm0(ptr1, len1);
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
        heap[stack_pointer++] = undefined;
        wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
    }
};

/**
 * `v3CheckRefund(outTradeNo?, transactionId?, outRefundNo, refund, total)`: a refund's
 * order, number and amounts.
 * @param {any} out_trade_no
 * @param {any} transaction_id
 * @param {any} out_refund_no
 * @param {any} refund
 * @param {any} total
 */
module.exports.v3CheckRefund = function(out_trade_no, transaction_id, out_refund_no, refund, total) {
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        wasm.v3CheckRefund(retptr, addHeapObject(out_trade_no), addHeapObject(transaction_id), addHeapObject(out_refund_no), addHeapObject(refund), addHeapObject(total));
        var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
        var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
        if (r1) {
            throw takeObject(r0);
        }
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
    }
};

/**
 * `v3Authorization(mchId, serialNo, method, url, body, timeStamp?, nonceStr?, rsaSign)`
 * → the Authorization header's value.
 * @param {any} mch_id
 * @param {any} serial_no
 * @param {any} method
 * @param {any} url
 * @param {any} body
 * @param {any} time_stamp
 * @param {any} nonce_str
 * @param {Function} rsa_sign
 * @returns {string}
 */
module.exports.v3Authorization = function(mch_id, serial_no, method, url, body, time_stamp, nonce_str, rsa_sign) {
    let deferred2_0;
    let deferred2_1;
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        wasm.v3Authorization(retptr, addHeapObject(mch_id), addHeapObject(serial_no), addHeapObject(method), addHeapObject(url), addHeapObject(body), addHeapObject(time_stamp), addHeapObject(nonce_str), addBorrowedObject(rsa_sign));
        var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
        var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
        var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
        var r3 = getDataViewMemory0().getInt32(retptr + 4 * 3, true);
        var ptr1 = r0;
        var len1 = r1;
        if (r3) {
            ptr1 = 0; len1 = 0;
            throw takeObject(r2);
        }
        deferred2_0 = ptr1;
        deferred2_1 = len1;
        return getStringFromWasm0(ptr1, len1);
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
        heap[stack_pointer++] = undefined;
        wasm.__wbindgen_free(deferred2_0, deferred2_1, 1);
    }
};

/**
 * `v3CheckApiV3Key(key)`: a client's APIv3 key, checked when the client is made.
 * @param {any} key
 */
module.exports.v3CheckApiV3Key = function(key) {
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        wasm.v3CheckApiV3Key(retptr, addHeapObject(key));
        var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
        var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
        if (r1) {
            throw takeObject(r0);
        }
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
    }
};

/**
 * `v3ClientOptions(baseUrl?, timeoutMs?)` → `[origin, timeoutMs]`, WeChat Pay's origin and
 * the default timeout for what is left out.
 * @param {any} base_url
 * @param {any} timeout_ms
 * @returns {Array<any>}
 */
module.exports.v3ClientOptions = function(base_url, timeout_ms) {
    try {
        const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
        wasm.v3ClientOptions(retptr, addHeapObject(base_url), addHeapObject(timeout_ms));
        var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
        var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
        var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
        if (r2) {
            throw takeObject(r1);
        }
        return takeObject(r0);
    } finally {
        wasm.__wbindgen_add_to_stack_pointer(16);
    }
};

const V3PublicKeysFinalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_v3publickeys_free(ptr >>> 0, 1));
/**
 * WeChat Pay's keys by serial (`v3.publicKeys(...)` in Node): the core's `PublicKeys`,
 * beside the wrapper's KeyObjects made from the DER that [`V3PublicKeys::insert`] answers.
 */
class V3PublicKeys {

    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        V3PublicKeysFinalization.unregister(this);
        return ptr;
    }

    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_v3publickeys_free(ptr, 0);
    }
    /**
     * `verifyAnswer(status, headers, body, now?, rsaVerify)`: WeChat Pay's answer to a
     * request, its status read first: a 2xx is verified, anything else throws
     * `ApiError` with `status`, `wechatpayCode`, `wechatpayMessage` and `requestId`.
     * @param {number} status
     * @param {any} headers
     * @param {any} body
     * @param {any} now
     * @param {Function} rsa_verify
     */
    verifyAnswer(status, headers, body, now, rsa_verify) {
        try {
            const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
            wasm.v3publickeys_verifyAnswer(retptr, this.__wbg_ptr, status, addHeapObject(headers), addHeapObject(body), addHeapObject(now), addBorrowedObject(rsa_verify));
            var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
            var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
            if (r1) {
                throw takeObject(r0);
            }
        } finally {
            wasm.__wbindgen_add_to_stack_pointer(16);
            heap[stack_pointer++] = undefined;
        }
    }
    /**
     * `encryptSensitive(plaintext, serial?, now?, rsaEncrypt)` → `[serial, ciphertext]`:
     * `rsaEncrypt(serial, plaintext)` is RSA-OAEP (SHA-1) with the KeyObject held for it.
     * @param {any} plaintext
     * @param {any} serial
     * @param {any} now
     * @param {Function} rsa_encrypt
     * @returns {Array<any>}
     */
    encryptSensitive(plaintext, serial, now, rsa_encrypt) {
        try {
            const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
            wasm.v3publickeys_encryptSensitive(retptr, this.__wbg_ptr, addHeapObject(plaintext), addHeapObject(serial), addHeapObject(now), addBorrowedObject(rsa_encrypt));
            var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
            var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
            var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
            if (r2) {
                throw takeObject(r1);
            }
            return takeObject(r0);
        } finally {
            wasm.__wbindgen_add_to_stack_pointer(16);
            heap[stack_pointer++] = undefined;
        }
    }
    constructor() {
        const ret = wasm.v3publickeys_new();
        this.__wbg_ptr = ret >>> 0;
        V3PublicKeysFinalization.register(this, this.__wbg_ptr, this);
        return this;
    }
    /**
     * `insert(serial, pem)` → `[der, pkcs1]` of the public key now held under `serial`.
     * @param {any} serial
     * @param {any} pem
     * @returns {Array<any>}
     */
    insert(serial, pem) {
        try {
            const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
            wasm.v3publickeys_insert(retptr, this.__wbg_ptr, addHeapObject(serial), addHeapObject(pem));
            var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
            var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
            var r2 = getDataViewMemory0().getInt32(retptr + 4 * 2, true);
            if (r2) {
                throw takeObject(r1);
            }
            return takeObject(r0);
        } finally {
            wasm.__wbindgen_add_to_stack_pointer(16);
        }
    }
    /**
     * `remove(serial)`: whether a key was held under it.
     * @param {string} serial
     * @returns {boolean}
     */
    remove(serial) {
        const ptr0 = passStringToWasm0(serial, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
        const len0 = WASM_VECTOR_LEN;
        const ret = wasm.v3publickeys_remove(this.__wbg_ptr, ptr0, len0);
        return ret !== 0;
    }
    /**
     * `verify(headers, body, now?, rsaVerify)`: `headers` as `[name, value, name, value, …]`
     * (the wrapper flattens Headers, Maps and records); `rsaVerify(serial, message,
     * signature)` checks with the KeyObject held for that serial.
     * @param {any} headers
     * @param {any} body
     * @param {any} now
     * @param {Function} rsa_verify
     */
    verify(headers, body, now, rsa_verify) {
        try {
            const retptr = wasm.__wbindgen_add_to_stack_pointer(-16);
            wasm.v3publickeys_verify(retptr, this.__wbg_ptr, addHeapObject(headers), addHeapObject(body), addHeapObject(now), addBorrowedObject(rsa_verify));
            var r0 = getDataViewMemory0().getInt32(retptr + 4 * 0, true);
            var r1 = getDataViewMemory0().getInt32(retptr + 4 * 1, true);
            if (r1) {
                throw takeObject(r0);
            }
        } finally {
            wasm.__wbindgen_add_to_stack_pointer(16);
            heap[stack_pointer++] = undefined;
        }
    }
    /**
     * The serials held, in the order they were added.
     * @returns {Array<any>}
     */
    serials() {
        const ret = wasm.v3publickeys_serials(this.__wbg_ptr);
        return takeObject(ret);
    }
}
module.exports.V3PublicKeys = V3PublicKeys;

module.exports.__wbg_apply_36be6a55257c99bf = function() { return handleError(function (arg0, arg1, arg2) {
    const ret = getObject(arg0).apply(getObject(arg1), getObject(arg2));
    return addHeapObject(ret);
}, arguments) };

module.exports.__wbg_buffer_609cc3eee51ed158 = function(arg0) {
    const ret = getObject(arg0).buffer;
    return addHeapObject(ret);
};

module.exports.__wbg_call_672a4d21634d4a24 = function() { return handleError(function (arg0, arg1) {
    const ret = getObject(arg0).call(getObject(arg1));
    return addHeapObject(ret);
}, arguments) };

module.exports.__wbg_call_7cccdd69e0791ae2 = function() { return handleError(function (arg0, arg1, arg2) {
    const ret = getObject(arg0).call(getObject(arg1), getObject(arg2));
    return addHeapObject(ret);
}, arguments) };

module.exports.__wbg_call_833bed5770ea2041 = function() { return handleError(function (arg0, arg1, arg2, arg3) {
    const ret = getObject(arg0).call(getObject(arg1), getObject(arg2), getObject(arg3));
    return addHeapObject(ret);
}, arguments) };

module.exports.__wbg_charCodeAt_abe5953e37f4b5a6 = function(arg0, arg1) {
    const ret = getObject(arg0).charCodeAt(arg1 >>> 0);
    return ret;
};

module.exports.__wbg_construct_b91ff0e53b60c0c3 = function() { return handleError(function (arg0, arg1) {
    const ret = Reflect.construct(getObject(arg0), getObject(arg1));
    return addHeapObject(ret);
}, arguments) };

module.exports.__wbg_crypto_86f2631e91b51511 = function(arg0) {
    const ret = getObject(arg0).crypto;
    return addHeapObject(ret);
};

module.exports.__wbg_getPrototypeOf_08aaacea7e300a38 = function() { return handleError(function (arg0) {
    const ret = Reflect.getPrototypeOf(getObject(arg0));
    return addHeapObject(ret);
}, arguments) };

module.exports.__wbg_getRandomValues_b3f15fcbfabb0f8b = function() { return handleError(function (arg0, arg1) {
    getObject(arg0).getRandomValues(getObject(arg1));
}, arguments) };

module.exports.__wbg_get_67b2ba62fc30de12 = function() { return handleError(function (arg0, arg1) {
    const ret = Reflect.get(getObject(arg0), getObject(arg1));
    return addHeapObject(ret);
}, arguments) };

module.exports.__wbg_get_b9b93047fe3cf45b = function(arg0, arg1) {
    const ret = getObject(arg0)[arg1 >>> 0];
    return addHeapObject(ret);
};

module.exports.__wbg_instanceof_Uint8Array_17156bcf118086a9 = function(arg0) {
    let result;
    try {
        result = getObject(arg0) instanceof Uint8Array;
    } catch (_) {
        result = false;
    }
    const ret = result;
    return ret;
};

module.exports.__wbg_isArray_0f9ec197b8ce0eb8 = function() { return handleError(function (arg0) {
    const ret = Array.isArray(getObject(arg0));
    return ret;
}, arguments) };

module.exports.__wbg_isArray_a1eab7e0d067391b = function(arg0) {
    const ret = Array.isArray(getObject(arg0));
    return ret;
};

module.exports.__wbg_isSafeInteger_343e2beeeece1bb0 = function(arg0) {
    const ret = Number.isSafeInteger(getObject(arg0));
    return ret;
};

module.exports.__wbg_keys_8f96dd91839c19aa = function() { return handleError(function (arg0) {
    const ret = Object.keys(getObject(arg0));
    return addHeapObject(ret);
}, arguments) };

module.exports.__wbg_length_a446193dc22c12f8 = function(arg0) {
    const ret = getObject(arg0).length;
    return ret;
};

module.exports.__wbg_length_d56737991078581b = function(arg0) {
    const ret = getObject(arg0).length;
    return ret;
};

module.exports.__wbg_length_e2d2a49132c1b256 = function(arg0) {
    const ret = getObject(arg0).length;
    return ret;
};

module.exports.__wbg_msCrypto_d562bbe83e0d4b91 = function(arg0) {
    const ret = getObject(arg0).msCrypto;
    return addHeapObject(ret);
};

module.exports.__wbg_new_78feb108b6472713 = function() {
    const ret = new Array();
    return addHeapObject(ret);
};

module.exports.__wbg_new_a12002a7f91c75be = function(arg0) {
    const ret = new Uint8Array(getObject(arg0));
    return addHeapObject(ret);
};

module.exports.__wbg_new_c68d7209be747379 = function(arg0, arg1) {
    const ret = new Error(getStringFromWasm0(arg0, arg1));
    return addHeapObject(ret);
};

module.exports.__wbg_newnoargs_105ed471475aaf50 = function(arg0, arg1) {
    const ret = new Function(getStringFromWasm0(arg0, arg1));
    return addHeapObject(ret);
};

module.exports.__wbg_newwithbyteoffsetandlength_d97e637ebe145a9a = function(arg0, arg1, arg2) {
    const ret = new Uint8Array(getObject(arg0), arg1 >>> 0, arg2 >>> 0);
    return addHeapObject(ret);
};

module.exports.__wbg_newwithlength_a381634e90c276d4 = function(arg0) {
    const ret = new Uint8Array(arg0 >>> 0);
    return addHeapObject(ret);
};

module.exports.__wbg_node_e1f24f89a7336c2e = function(arg0) {
    const ret = getObject(arg0).node;
    return addHeapObject(ret);
};

module.exports.__wbg_now_807e54c39636c349 = function() {
    const ret = Date.now();
    return ret;
};

module.exports.__wbg_of_4a05197bfc89556f = function(arg0, arg1, arg2) {
    const ret = Array.of(getObject(arg0), getObject(arg1), getObject(arg2));
    return addHeapObject(ret);
};

module.exports.__wbg_of_66b3ee656cbd962b = function(arg0, arg1) {
    const ret = Array.of(getObject(arg0), getObject(arg1));
    return addHeapObject(ret);
};

module.exports.__wbg_process_3975fd6c72f520aa = function(arg0) {
    const ret = getObject(arg0).process;
    return addHeapObject(ret);
};

module.exports.__wbg_push_737cfc8c1432c2c6 = function(arg0, arg1) {
    const ret = getObject(arg0).push(getObject(arg1));
    return ret;
};

module.exports.__wbg_randomFillSync_f8c153b79f285817 = function() { return handleError(function (arg0, arg1) {
    getObject(arg0).randomFillSync(takeObject(arg1));
}, arguments) };

module.exports.__wbg_require_b74f47fc2d022fd6 = function() { return handleError(function () {
    const ret = module.require;
    return addHeapObject(ret);
}, arguments) };

module.exports.__wbg_set_65595bdd868b3009 = function(arg0, arg1, arg2) {
    getObject(arg0).set(getObject(arg1), arg2 >>> 0);
};

module.exports.__wbg_set_bb8cecf6a62b9f46 = function() { return handleError(function (arg0, arg1, arg2) {
    const ret = Reflect.set(getObject(arg0), getObject(arg1), getObject(arg2));
    return ret;
}, arguments) };

module.exports.__wbg_static_accessor_GLOBAL_88a902d13a557d07 = function() {
    const ret = typeof global === 'undefined' ? null : global;
    return isLikeNone(ret) ? 0 : addHeapObject(ret);
};

module.exports.__wbg_static_accessor_GLOBAL_THIS_56578be7e9f832b0 = function() {
    const ret = typeof globalThis === 'undefined' ? null : globalThis;
    return isLikeNone(ret) ? 0 : addHeapObject(ret);
};

module.exports.__wbg_static_accessor_SELF_37c5d418e4bf5819 = function() {
    const ret = typeof self === 'undefined' ? null : self;
    return isLikeNone(ret) ? 0 : addHeapObject(ret);
};

module.exports.__wbg_static_accessor_WINDOW_5de37043a91a9c40 = function() {
    const ret = typeof window === 'undefined' ? null : window;
    return isLikeNone(ret) ? 0 : addHeapObject(ret);
};

module.exports.__wbg_subarray_aa9065fa9dc5df96 = function(arg0, arg1, arg2) {
    const ret = getObject(arg0).subarray(arg1 >>> 0, arg2 >>> 0);
    return addHeapObject(ret);
};

module.exports.__wbg_toString_b5d4438bc26b267c = function() { return handleError(function (arg0, arg1) {
    const ret = getObject(arg0).toString(arg1);
    return addHeapObject(ret);
}, arguments) };

module.exports.__wbg_versions_4e31226f5e8dc909 = function(arg0) {
    const ret = getObject(arg0).versions;
    return addHeapObject(ret);
};

module.exports.__wbindgen_boolean_get = function(arg0) {
    const v = getObject(arg0);
    const ret = typeof(v) === 'boolean' ? (v ? 1 : 0) : 2;
    return ret;
};

module.exports.__wbindgen_is_bigint = function(arg0) {
    const ret = typeof(getObject(arg0)) === 'bigint';
    return ret;
};

module.exports.__wbindgen_is_falsy = function(arg0) {
    const ret = !getObject(arg0);
    return ret;
};

module.exports.__wbindgen_is_function = function(arg0) {
    const ret = typeof(getObject(arg0)) === 'function';
    return ret;
};

module.exports.__wbindgen_is_null = function(arg0) {
    const ret = getObject(arg0) === null;
    return ret;
};

module.exports.__wbindgen_is_object = function(arg0) {
    const val = getObject(arg0);
    const ret = typeof(val) === 'object' && val !== null;
    return ret;
};

module.exports.__wbindgen_is_string = function(arg0) {
    const ret = typeof(getObject(arg0)) === 'string';
    return ret;
};

module.exports.__wbindgen_is_undefined = function(arg0) {
    const ret = getObject(arg0) === undefined;
    return ret;
};

module.exports.__wbindgen_memory = function() {
    const ret = wasm.memory;
    return addHeapObject(ret);
};

module.exports.__wbindgen_number_get = function(arg0, arg1) {
    const obj = getObject(arg1);
    const ret = typeof(obj) === 'number' ? obj : undefined;
    getDataViewMemory0().setFloat64(arg0 + 8 * 1, isLikeNone(ret) ? 0 : ret, true);
    getDataViewMemory0().setInt32(arg0 + 4 * 0, !isLikeNone(ret), true);
};

module.exports.__wbindgen_number_new = function(arg0) {
    const ret = arg0;
    return addHeapObject(ret);
};

module.exports.__wbindgen_object_clone_ref = function(arg0) {
    const ret = getObject(arg0);
    return addHeapObject(ret);
};

module.exports.__wbindgen_object_drop_ref = function(arg0) {
    takeObject(arg0);
};

module.exports.__wbindgen_string_get = function(arg0, arg1) {
    const obj = getObject(arg1);
    const ret = typeof(obj) === 'string' ? obj : undefined;
    var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
    var len1 = WASM_VECTOR_LEN;
    getDataViewMemory0().setInt32(arg0 + 4 * 1, len1, true);
    getDataViewMemory0().setInt32(arg0 + 4 * 0, ptr1, true);
};

module.exports.__wbindgen_string_new = function(arg0, arg1) {
    const ret = getStringFromWasm0(arg0, arg1);
    return addHeapObject(ret);
};

module.exports.__wbindgen_throw = function(arg0, arg1) {
    throw new Error(getStringFromWasm0(arg0, arg1));
};

const path = require('path').join(__dirname, 'wxpay_wasm_web_bg.wasm');
const bytes = require('fs').readFileSync(path);

const wasmModule = new WebAssembly.Module(bytes);
const wasmInstance = new WebAssembly.Instance(wasmModule, imports);
wasm = wasmInstance.exports;
module.exports.__wasm = wasm;

