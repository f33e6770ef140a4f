/**
 * Bodies: request encoders live in body/ (one file per family); response bodies are decoded in
 * response.ts, re-exported here for code that imported them from this module.
 */

export { isBinaryBody, type WireBody } from './body/binary.js';
export { type EncodedBody, encodeBody, encodePayload } from './body/encode.js';
export { encodeMultipart } from './body/multipart.js';
export { decodeBody, isJsonResponse } from './response.js';
