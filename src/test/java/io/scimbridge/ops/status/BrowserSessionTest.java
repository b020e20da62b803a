package io.scimbridge.ops.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where a form may come from, and which CSRF token it must carry: plain logic, no server. */
class BrowserSessionTest {

    private static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.eyJqdGkiOiJ4In0.c2ln";

    private static BrowserSession from(String host, String origin, String referer) {
        return new BrowserSession(null, TOKEN, host, origin, referer, false);
    }

    @Test
    void aFormFromThisHostIsSameOriginWhateverTheDefaultPortSpelling() {
        assertTrue(from("localhost:8080", "http://localhost:8080", null).sameOrigin());
        assertTrue(from("Bridge.Example.com", "https://bridge.example.com", null).sameOrigin(), "TLS proxy keeping Host");
        assertTrue(from("bridge.example.com", "https://bridge.example.com:443", null).sameOrigin());
        assertTrue(from("localhost:8080", null, "http://localhost:8080/admin/status?refresh=0").sameOrigin());
        assertTrue(from("localhost:8080", null, null).sameOrigin(), "no browser header: the CSRF token decides");
    }

    @Test
    void aFormFromAnywhereElseIsNot() {
        assertFalse(from("localhost:8080", "https://evil.example", null).sameOrigin());
        assertFalse(from("localhost:8080", "http://localhost:8081", null).sameOrigin(), "another port is another origin");
        assertFalse(from("bridge.example.com", "http://bridge.example.com.evil.example", null).sameOrigin());
        assertFalse(from("localhost:8080", "null", null).sameOrigin(), "opaque origin (sandbox, data: URL)");
        assertFalse(from("localhost:8080", null, "https://evil.example/localhost:8080").sameOrigin());
        assertFalse(from("localhost:8080", "not a url", null).sameOrigin());
        assertFalse(from(null, "http://localhost:8080", null).sameOrigin());
        assertFalse(from("localhost:8080", "https://evil.example", "http://localhost:8080/").sameOrigin(),
                "the Origin decides when present");
    }

    @Test
    void theCsrfTokenIsTheSessionsDigestNeverTheTokenItself() {
        BrowserSession session = from("localhost", null, null);
        String csrf = session.csrfToken();

        assertFalse(csrf.isEmpty());
        assertFalse(csrf.contains(TOKEN) || TOKEN.contains(csrf));
        assertTrue(session.csrfMatches(csrf));
        assertFalse(session.csrfMatches(null));
        assertFalse(session.csrfMatches(""));
        assertFalse(session.csrfMatches(csrf.substring(1)));
        assertNotEquals(csrf, new BrowserSession(null, TOKEN + "x", "localhost", null, null, false).csrfToken());
        assertEquals(csrf, new BrowserSession("Bearer " + TOKEN, null, "localhost", null, null, false).csrfToken(),
                "the same token by header or by cookie is the same session");
    }

    @Test
    void withoutASessionNoCsrfTokenMatches() {
        BrowserSession none = new BrowserSession(null, null, "localhost", null, null, false);
        assertEquals("", none.csrfToken());
        assertFalse(none.csrfMatches(""));
    }

    @Test
    void theCookieIsHttpOnlyStrictAndSecureOverHttps() {
        assertEquals("bridge_admin_session=" + TOKEN + "; Path=/admin; HttpOnly; SameSite=Strict",
                from("localhost", null, null).setCookie(TOKEN));
        BrowserSession https = new BrowserSession(null, null, "bridge.example.com", null, null, true);
        assertTrue(https.setCookie(TOKEN).endsWith("; Secure"));
        assertTrue(https.clearCookie().contains("Max-Age=0") && https.clearCookie().endsWith("; Secure"));
    }
}
