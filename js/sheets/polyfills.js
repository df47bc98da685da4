// What the wasm-bindgen glue needs that Google Apps Script lacks: TextEncoder and TextDecoder
// (UTF-8 only). Installed only when absent, and before the glue's own top-level code runs
// (main.js imports this module first). Plain JavaScript: no web APIs are assumed.

class Utf8Encoder {
  get encoding() {
    return 'utf-8';
  }
  /** UTF-8 bytes of `s`; a lone surrogate becomes U+FFFD, as the web's TextEncoder does. */
  encode(input = '') {
    const s = String(input);
    const out = new Uint8Array(s.length * 3);
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      let c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          i++;
        } else {
          c = 0xfffd;
        }
      }
      if (c < 0x80) out[n++] = c;
      else if (c < 0x800) {
        out[n++] = 0xc0 | (c >> 6);
        out[n++] = 0x80 | (c & 63);
      } else if (c < 0x10000) {
        out[n++] = 0xe0 | (c >> 12);
        out[n++] = 0x80 | ((c >> 6) & 63);
        out[n++] = 0x80 | (c & 63);
      } else {
        out[n++] = 0xf0 | (c >> 18);
        out[n++] = 0x80 | ((c >> 12) & 63);
        out[n++] = 0x80 | ((c >> 6) & 63);
        out[n++] = 0x80 | (c & 63);
      }
    }
    return out.slice(0, n);
  }
  encodeInto(input, view) {
    const bytes = this.encode(input);
    // Only whole strings are written by the glue (it sizes the buffer first).
    const written = Math.min(bytes.length, view.length);
    view.set(bytes.subarray(0, written));
    return { read: String(input).length, written };
  }
}

class Utf8Decoder {
  get encoding() {
    return 'utf-8';
  }
  /** Text of UTF-8 bytes; an invalid sequence becomes U+FFFD (one per maximal bad prefix). */
  decode(input) {
    if (input === undefined) return '';
    const b = ArrayBuffer.isView(input)
      ? new Uint8Array(input.buffer, input.byteOffset, input.byteLength)
      : new Uint8Array(input);
    const parts = [];
    let units = [];
    const flush = () => {
      parts.push(String.fromCharCode.apply(null, units));
      units = [];
    };
    let i = 0;
    while (i < b.length) {
      const x = b[i];
      let cp = 0xfffd, need = 0, min = 0, lo = 0x80, hi = 0xbf;
      if (x < 0x80) {
        cp = x;
      } else if (x >= 0xc2 && x <= 0xdf) {
        need = 1; min = x & 0x1f;
      } else if (x >= 0xe0 && x <= 0xef) {
        need = 2; min = x & 0x0f;
        if (x === 0xe0) lo = 0xa0;
        if (x === 0xed) hi = 0x9f;
      } else if (x >= 0xf0 && x <= 0xf4) {
        need = 3; min = x & 0x07;
        if (x === 0xf0) lo = 0x90;
        if (x === 0xf4) hi = 0x8f;
      }
      i++;
      if (need > 0) {
        let v = min, ok = true;
        for (let k = 0; k < need; k++) {
          const y = b[i];
          if (i >= b.length || y < (k === 0 ? lo : 0x80) || y > (k === 0 ? hi : 0xbf)) {
            ok = false;
            break;
          }
          v = (v << 6) | (y & 0x3f);
          i++;
        }
        cp = ok ? v : 0xfffd;
      }
      if (cp >= 0x10000) {
        cp -= 0x10000;
        units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
      } else {
        units.push(cp);
      }
      if (units.length >= 8192) flush();
    }
    flush();
    return parts.join('');
  }
}

if (typeof globalThis.TextEncoder === 'undefined') globalThis.TextEncoder = Utf8Encoder;
if (typeof globalThis.TextDecoder === 'undefined') globalThis.TextDecoder = Utf8Decoder;

export { Utf8Encoder, Utf8Decoder };
