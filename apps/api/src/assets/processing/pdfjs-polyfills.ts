/**
 * pdf.js (5 and later, bundled by unpdf) hands font data over with the ES2024
 * `ArrayBuffer.prototype.transferToFixedLength`, which Node 20 lacks: without it
 * every glyph silently fails to render and thumbnails come out blank. A copy
 * does what pdf.js needs (it never touches the old buffer again).
 */
if (!("transferToFixedLength" in ArrayBuffer.prototype)) {
  Object.defineProperty(ArrayBuffer.prototype, "transferToFixedLength", {
    value(this: ArrayBuffer, newLength: number = this.byteLength): ArrayBuffer {
      const copy = new ArrayBuffer(newLength);
      new Uint8Array(copy).set(new Uint8Array(this, 0, Math.min(newLength, this.byteLength)));
      return copy;
    },
    writable: true,
    configurable: true,
  });
}
