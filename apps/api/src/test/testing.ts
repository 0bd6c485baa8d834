/** The API's test harness as other packages' tests use it (`@pitchside/api/testing`). */

export { demoTaxonomy } from "../demo/demo-taxonomy";
export { loginCookie, loginToken, startServerWith, type TestServer } from "./app-server";
export { BROWSER_UA, makeAsset, makeDeal } from "./deal-factories";
export { makeUser, uploadFile } from "./factories";
