// CloudFront Function (cloudfront-js-2.0), viewer request of the H5 behaviour. The QR code on a
// source's poster holds `<app origin>/e/<code>`; the H5 app routes by hash, so the profile page is
// `/#/pages/eco/index?code=<code>` (a trailing slash, as some scanners add, is allowed). Only codes of letters, digits and dashes are redirected (the API
// verifies the signature); every other request passes through untouched.
// biome-ignore lint/correctness/noUnusedVariables: CloudFront calls the function named handler.
function handler(event) {
  var request = event.request;
  var match = /^\/e\/([0-9A-Za-z-]+)\/?$/.exec(request.uri);
  if (!match) return request;
  return {
    statusCode: 302,
    statusDescription: 'Found',
    headers: { location: { value: `/#/pages/eco/index?code=${match[1]}` } },
  };
}
