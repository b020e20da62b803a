package io.scimbridge.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.scimbridge.auth.TestTokens;
import io.scimbridge.testing.idp.AzureAd;
import io.scimbridge.testing.idp.ScimClient;
import io.scimbridge.testing.idp.UserBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An IdP's write arrives with its body read on the event loop when it is small and framed by a
 * Content-Length (the worker then never waits for it); anything else is streamed by the endpoint
 * as before. Either way the endpoint sees every byte, and a body that never arrives whole changes
 * nothing.
 */
@QuarkusTest
class SmallBodyReadAheadTest {

    private static final String PROBE = "/scim/v2/_bodyprobe";

    @TestHTTPResource("/")
    URL base;

    @Test
    void aUserFromAzureAdArrivesAlreadyRead() {
        probe(given().body(bytes(600)))
                .body("readAhead", equalTo(true)).body("bytes", equalTo(600));
    }

    @Test
    void aBodyOfExactlyTheLimitIsReadAheadAndOneByteMoreIsStreamed() {
        probe(given().body(bytes(SmallBodyReadAhead.MAX_BYTES)))
                .body("readAhead", equalTo(true)).body("bytes", equalTo(SmallBodyReadAhead.MAX_BYTES));
        probe(given().body(bytes(SmallBodyReadAhead.MAX_BYTES + 1)))
                .body("readAhead", equalTo(false)).body("bytes", equalTo(SmallBodyReadAhead.MAX_BYTES + 1));
    }

    @Test
    void aChunkedBodyIsStreamed() throws IOException {
        String answer = sendChunked(PROBE, "x".repeat(600));
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.endsWith("{\"readAhead\":false,\"bytes\":600}") || answer.endsWith("{\"bytes\":600,\"readAhead\":false}"),
                answer);
    }

    @Test
    void aBodyAfterExpectContinueIsStreamed() {
        probe(given().header("Expect", "100-continue").body(bytes(600)))
                .body("readAhead", equalTo(false)).body("bytes", equalTo(600));
    }

    @Test
    void aBodyOverHttp2IsStreamed() throws Exception {
        // the JDK's client asks for HTTP/2 by an h2c upgrade, as the process tests' IdP does
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(base.toURI().resolve(PROBE.substring(1)))
                .header("Authorization", "Bearer " + TestTokens.forSource("read-ahead"))
                .header("Content-Type", "application/scim+json")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(600))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(HttpClient.Version.HTTP_2, answer.version(), "upgraded to h2c");
        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"readAhead\":false") && answer.body().contains("\"bytes\":600"), answer.body());
    }

    @Test
    void usersArriveWhicheverWayTheirBodyIsFramed() throws IOException {
        ScimClient client = ScimClient.as("read-ahead");
        String small = ScimClient.json(AzureAd.createUser(UserBuilder.user("kim@example.com").name("Kim", "Lee")));
        ScimClient.scim(client.post("/Users", small), 201);
        String chunked = small.replace("kim@", "kai@");
        String answer = sendChunked("/scim/v2/Users", chunked);
        assertTrue(answer.startsWith("HTTP/1.1 201"), answer);
        // JSON allows the whitespace: a body over the limit, still a valid user
        String padded = small.replace("kim@", "kit@") + " ".repeat(SmallBodyReadAhead.MAX_BYTES);
        ScimClient.scim(client.post("/Users", padded), 201);
        for (String name : new String[] {"kim@example.com", "kai@example.com", "kit@example.com"}) {
            ScimClient.scim(client.get("/Users", Map.of("filter", "userName eq \"" + name + "\"")), 200)
                    .body("totalResults", equalTo(1));
        }
    }

    @Test
    void aBodyThatNeverArrivesWholeChangesNothing() throws IOException {
        ScimClient client = ScimClient.as("read-ahead");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            postHalfOfAUser(socket, client, "cut@example.com");
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            // the server closes the connection without an answer, or answers an error: never 201
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.isEmpty() || !answer.startsWith("HTTP/1.1 201"), answer);
        }
        ScimClient.scim(client.get("/Users", Map.of("filter", "userName eq \"cut@example.com\"")), 200)
                .body("totalResults", equalTo(0));
    }

    @Test
    void aBodyThatStopsHalfWayIsRefusedAfterTheReadTimeoutAndChangesNothing() throws IOException {
        ScimClient client = ScimClient.as("read-ahead");
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            // the test profile's quarkus.http.read-timeout is 3 s: the answer comes long before this
            socket.setSoTimeout(30_000);
            postHalfOfAUser(socket, client, "slow@example.com");
            // the connection is closed after the answer, so reading to the end returns
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
            assertTrue(answer.contains("\"scimType\":\"invalidSyntax\""), answer);
        }
        ScimClient.scim(client.get("/Users", Map.of("filter", "userName eq \"slow@example.com\"")), 200)
                .body("totalResults", equalTo(0));
    }

    @Test
    void aDeclaredLengthIsReadOnlyWhenItIsAPlainNumber() {
        assertEquals(-1, SmallBodyReadAhead.parseLength(null));
        assertEquals(-1, SmallBodyReadAhead.parseLength(""));
        assertEquals(-1, SmallBodyReadAhead.parseLength("+12"));
        assertEquals(-1, SmallBodyReadAhead.parseLength("1e3"));
        assertEquals(-1, SmallBodyReadAhead.parseLength("9".repeat(19)));
        assertEquals(0, SmallBodyReadAhead.parseLength("0"));
        assertEquals(600, SmallBodyReadAhead.parseLength("600"));
    }

    /** The headers of a user's POST, with its whole Content-Length, and the first half of its body. */
    private static void postHalfOfAUser(Socket socket, ScimClient client, String userName) throws IOException {
        byte[] body = ScimClient.json(AzureAd.createUser(UserBuilder.user(userName).name("Half", "Sent")))
                .getBytes(StandardCharsets.UTF_8);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /scim/v2/Users HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/scim+json\r\n"
                + "Authorization: " + client.authorization() + "\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(body, 0, body.length / 2);
        out.flush();
    }

    /** A POST whose body is sent in two chunks (Transfer-Encoding: chunked); the whole answer as text. */
    private String sendChunked(String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        int half = bytes.length / 2;
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/scim+json\r\n"
                    + "Authorization: Bearer " + TestTokens.forSource("read-ahead") + "\r\nConnection: close\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write((Integer.toHexString(half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, 0, half);
            out.write(("\r\n" + Integer.toHexString(bytes.length - half) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, half, bytes.length - half);
            out.write("\r\n0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static ValidatableResponse probe(io.restassured.specification.RequestSpecification request) {
        return request.auth().oauth2(TestTokens.forSource("read-ahead")).contentType("application/scim+json")
                .when().post(PROBE).then().statusCode(200);
    }

    private static byte[] bytes(int n) {
        return "x".repeat(n).getBytes(StandardCharsets.US_ASCII);
    }
}
