/**
 * Bodies: request encoders live in body/ (one file per family); response bodies are decoded in
 * response.ts, re-exported here for code that imported them from this module.
 */
export { encodeBody, encodePayload, type EncodedBody } from './body/encode.js';
export { encodeMultipart } from './body/multipart.js';
export { isBinaryBody, type WireBody } from './body/binary.js';
export { decodeBody, isJsonResponse } from './response.js';
