package dev.quitto.cashback;

/** What the provider receives (cashback.md 2): both strings, the document as 11 digits, the cashback with 2 decimals. */
record ProviderPayload(String document, String cashback) {
}
