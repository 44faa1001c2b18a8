package dev.quitto.testsupport;

/** Tokens obtained the way a client obtains them: {@code POST /api/token/}. */
public final class TestTokens {

    private TestTokens() {
    }

    public static String access(Http http, TestUsers.TestUser user) {
        return obtain(http, user).json().get("access").asString();
    }

    public static String refresh(Http http, TestUsers.TestUser user) {
        return obtain(http, user).json().get("refresh").asString();
    }

    private static Http.Response obtain(Http http, TestUsers.TestUser user) {
        String field = user.login().contains("@") ? "email" : "username";
        Http.Response response = http.post("/api/token/", "{\"" + field + "\":\"" + user.login() + "\",\"password\":\"" + user.password() + "\"}");
        if (response.status() != 200) {
            throw new IllegalStateException("No token for " + user.login() + ": " + response.status() + " " + response.body());
        }
        return response;
    }
}
