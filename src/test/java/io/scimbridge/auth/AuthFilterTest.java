package io.scimbridge.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.parsing.Parser;
import io.restassured.response.ValidatableResponse;
import io.scimbridge.ops.cli.TokenCli;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.crypto.spec.SecretKeySpec;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bearer-token gate, end to end over HTTP. Every refusal must be a 401 with a Bearer
 * challenge and a SCIM error body; the wrong kind of token for an API is a 401 too.
 */
@QuarkusTest
class AuthFilterTest {

    private static final String SCIM_PROBE = "/scim/v2/_authprobe";
    private static final String ADMIN_PROBE = "/admin/_authprobe";

    @BeforeAll
    static void scimJsonIsJson() {
        RestAssured.registerParser("application/scim+json", Parser.JSON);
    }

    // --- accepted -------------------------------------------------------------------------

    @Test
    void validSourceTokenReachesScimWithItsSource() {
        MintedToken minted = TestTokens.mint(TokenGrant.forSource("azure"));
        given().auth().oauth2(minted.token())
                .when().get(SCIM_PROBE)
                .then().statusCode(200)
                .body("source", equalTo("azure"))
                .body("admin", equalTo(false))
                .body("tokenId", equalTo(minted.metadata().id()));
    }

    @Test
    void eachSourceIsTold() {
        given().header("Authorization", TestTokens.bearer("okta.prod-1"))
                .when().get(SCIM_PROBE)
                .then().statusCode(200).body("source", equalTo("okta.prod-1"));
    }

    @Test
    void schemeNameIsCaseInsensitive() {
        given().header("Authorization", "bearer " + TestTokens.forSource("azure"))
                .when().get(SCIM_PROBE)
                .then().statusCode(200);
    }

    @Test
    void adminTokenReachesAdmin() {
        given().auth().oauth2(TestTokens.admin())
                .when().get(ADMIN_PROBE)
                .then().statusCode(200).body("admin", equalTo(true));
    }

    @Test
    void expiredWithinClockSkewIsStillAccepted() {
        Instant now = Instant.now();
        String token = TestTokens.sign(TestTokens.validClaims("azure")
                .issuedAt(now.minusSeconds(3600)).expiresAt(now.minusSeconds(10)));
        given().auth().oauth2(token).when().get(SCIM_PROBE).then().statusCode(200);
    }

    @Test
    void healthStaysOpen() {
        given().when().get("/q/health").then().statusCode(not(401));
    }

    // --- refused without a token ----------------------------------------------------------

    @Test
    void missingHeader() {
        refusedWithoutToken(given().when().get(SCIM_PROBE).then());
    }

    @Test
    void missingHeaderOnAnUnknownScimPathIsStill401() {
        refusedWithoutToken(given().when().get("/scim/v2/NoSuchResource").then());
        refusedWithoutToken(given().when().delete("/scim/v2/Users/123").then());
    }

    @Test
    void missingHeaderOnAdmin() {
        refusedWithoutToken(given().when().get(ADMIN_PROBE).then());
    }

    @Test
    void basicScheme() {
        refusedWithoutToken(given().auth().preemptive().basic("azure", "secret").when().get(SCIM_PROBE).then());
    }

    @Test
    void emptyBearer() {
        refusedWithoutToken(given().header("Authorization", "Bearer ").when().get(SCIM_PROBE).then());
    }

    // --- refused with a token -------------------------------------------------------------

    @Test
    void garbage() {
        refusedToken("not-a-jwt", SCIM_PROBE).body("detail", equalTo("Token is malformed"));
        refusedToken("a.b.c", SCIM_PROBE).body("detail", equalTo("Token is malformed"));
        refusedToken(b64("{\"alg\":\"ES256\"}") + ".e30.c2ln", SCIM_PROBE).body("detail", equalTo("Token signature is not valid"));
    }

    @Test
    void algNone() {
        String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String validPayload = TestTokens.forSource("azure").split("\\.")[1];
        refusedToken(header + "." + validPayload + ".", SCIM_PROBE).body("detail", equalTo("Token algorithm is not accepted"));
    }

    @Test
    void hs256SignedWithThePublicKey() throws Exception {
        byte[] publicPem = Files.readAllBytes(TestTokens.settings().dataDir().resolve("keys").resolve(SigningKeyStore.PUBLIC_KEY_FILE));
        byte[] publicDer = TestTokens.keys().publicKey().getEncoded();
        for (byte[] secret : List.of(publicPem, publicDer)) {
            String forged = TestTokens.validClaims("azure").jws().algorithm(SignatureAlgorithm.HS256)
                    .sign(new SecretKeySpec(secret, "HmacSHA256"));
            refusedToken(forged, SCIM_PROBE).body("detail", equalTo("Token algorithm is not accepted"));
        }
    }

    @Test
    void signedByAnotherKeyPair() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"));
        String forged = TestTokens.validClaims("azure").jws().algorithm(SignatureAlgorithm.ES256)
                .keyId(TestTokens.keys().keyId()) // even claiming our key id
                .sign(gen.generateKeyPair().getPrivate());
        refusedToken(forged, SCIM_PROBE).body("detail", equalTo("Token signature is not valid"));
    }

    @Test
    void rs256FromAnotherKeyPair() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        String forged = TestTokens.validClaims("azure").jws().algorithm(SignatureAlgorithm.RS256)
                .sign(gen.generateKeyPair().getPrivate());
        refusedToken(forged, SCIM_PROBE).body("detail", equalTo("Token algorithm is not accepted"));
    }

    @Test
    void expired() {
        Instant now = Instant.now();
        String token = TestTokens.sign(TestTokens.validClaims("azure")
                .issuedAt(now.minusSeconds(7200)).expiresAt(now.minusSeconds(3600)));
        refusedToken(token, SCIM_PROBE).body("detail", equalTo("Token has expired"));
    }

    @Test
    void wrongIssuer() {
        refusedToken(TestTokens.sign(TestTokens.validClaims("azure").issuer("someone-else")), SCIM_PROBE)
                .body("detail", equalTo("Token issuer is not accepted"));
    }

    @Test
    void wrongAudience() {
        refusedToken(TestTokens.sign(TestTokens.validClaims("azure").audience("another-app")), SCIM_PROBE)
                .body("detail", equalTo("Token audience is not accepted"));
    }

    @Test
    void missingSourceClaim() {
        refusedToken(TestTokens.sign(TestTokens.validClaims("azure").remove(TokenClaims.SOURCE)), SCIM_PROBE)
                .body("detail", equalTo("Token has no valid source claim"));
    }

    @Test
    void sourceClaimOutsideTheAllowedNames() {
        refusedToken(TestTokens.sign(TestTokens.validClaims("azure").claim(TokenClaims.SOURCE, "azure/../okta")), SCIM_PROBE);
    }

    @Test
    void missingExpiry() throws Exception {
        // the smallrye builder adds a default exp, so this one is signed with jose4j directly
        var claims = (ObjectNode) new ObjectMapper().readTree(
                Base64.getUrlDecoder().decode(TestTokens.forSource("azure").split("\\.")[1]));
        claims.remove("exp");
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toString());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKey(TestTokens.keys().privateKey());
        refusedToken(jws.getCompactSerialization(), SCIM_PROBE).body("detail", equalTo("Token has no expiry"));
    }

    @Test
    void revokedThroughTheCli() {
        MintedToken minted = TestTokens.mint(TokenGrant.forSource("azure"));
        given().auth().oauth2(minted.token()).when().get(SCIM_PROBE).then().statusCode(200);

        var err = new ByteArrayOutputStream();
        int exit = new TokenCli(TestTokens.settings(), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err), Clock.systemUTC()).run("revoke", "--id", minted.metadata().id());
        assertEquals(0, exit, err.toString());

        // no sleep: the server re-reads the revocation file as soon as it changed
        refusedToken(minted.token(), SCIM_PROBE).body("detail", equalTo("Token has been revoked"));
    }

    @Test
    void adminTokenOnScim() {
        refusedToken(TestTokens.admin(), SCIM_PROBE).body("detail", equalTo("Token is not valid for the SCIM API"));
    }

    @Test
    void scimTokenOnAdmin() {
        refusedToken(TestTokens.forSource("azure"), ADMIN_PROBE).body("detail", equalTo("Token is not an admin token"));
    }

    @Test
    void handWrittenAdminScopeWithASourceIsStillNoScimToken() {
        refusedToken(TestTokens.sign(TestTokens.validClaims("azure").claim(TokenClaims.SCOPE, TokenClaims.SCOPE_ADMIN)), SCIM_PROBE);
    }

    @Test
    void refusalsLogTheReasonAndTokenIdButNoPartOfTheToken() {
        MintedToken minted = TestTokens.mint(TokenGrant.forAdmin());
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override public void publish(LogRecord r) {
                lines.add(r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()));
            }
            @Override public void flush() {}
            @Override public void close() {}
        };
        Logger logger = Logger.getLogger(BearerAuthFilter.class.getName());
        logger.addHandler(capture);
        try {
            refusedToken(minted.token(), SCIM_PROBE);
        } finally {
            logger.removeHandler(capture);
        }
        String logged = String.join("\n", lines);
        assertTrue(logged.contains(minted.metadata().id()), logged);
        for (String part : minted.token().split("\\.")) {
            assertFalse(logged.contains(part), "a piece of the token was logged: " + logged);
        }
    }

    // --- helpers --------------------------------------------------------------------------

    private static void refusedWithoutToken(ValidatableResponse response) {
        scimUnauthorized(response).header("WWW-Authenticate", equalTo("Bearer realm=\"scim-bridge\""));
    }

    private static ValidatableResponse refusedToken(String token, String path) {
        return scimUnauthorized(given().header("Authorization", "Bearer " + token).when().get(path).then())
                .header("WWW-Authenticate", equalTo("Bearer realm=\"scim-bridge\", error=\"invalid_token\""));
    }

    private static ValidatableResponse scimUnauthorized(ValidatableResponse response) {
        return response.statusCode(401)
                .header("Content-Type", startsWith("application/scim+json"))
                .body("schemas", contains("urn:ietf:params:scim:api:messages:2.0:Error"))
                .body("status", equalTo("401"))
                .body("detail", notNullValue());
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
