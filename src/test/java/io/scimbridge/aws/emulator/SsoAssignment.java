package io.scimbridge.aws.emulator;

/** One account assignment as the SSO Admin emulator holds it; principalType is USER or GROUP. */
public record SsoAssignment(String permissionSetArn, String accountId, String principalType, String principalId) {
}
