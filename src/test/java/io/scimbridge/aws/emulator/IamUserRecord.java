package io.scimbridge.aws.emulator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One IAM user of an emulated account and everything that can hang on it (what DeleteUser refuses
 * to delete while present: login profile, access keys, MFA devices, signing certificates, SSH
 * keys, service-specific credentials, group memberships, attached and inline policies). Seeded
 * fluently by tests; read and changed by {@link IamOperations} under the account's lock.
 */
public final class IamUserRecord {

    /** An access key: Active or Inactive, and its last use (null: never used). */
    public static final class AccessKey {
        final String id;
        final Instant created;
        String status = "Active";
        Instant lastUsed;
        String lastUsedService;
        String lastUsedRegion;

        AccessKey(String id, Instant created) {
            this.id = id;
            this.created = created;
        }
    }

    final String name;
    final String id;
    final Instant created;
    final Map<String, String> tags = new LinkedHashMap<>();
    Instant loginProfileCreated;
    Instant passwordLastUsed;
    final List<AccessKey> keys = new ArrayList<>();
    final List<String> mfaDevices = new ArrayList<>();
    final List<String> signingCertificates = new ArrayList<>();
    final List<String> sshPublicKeys = new ArrayList<>();
    final List<String> serviceSpecificCredentials = new ArrayList<>();
    final List<String> groups = new ArrayList<>();
    final List<String> attachedPolicies = new ArrayList<>();
    final List<String> inlinePolicies = new ArrayList<>();
    private final Object lock;

    IamUserRecord(String name, String id, Instant created, Object lock) {
        this.name = name;
        this.id = id;
        this.created = created;
        this.lock = lock;
    }

    public IamUserRecord tag(String key, String value) {
        synchronized (lock) {
            tags.put(key, value);
            return this;
        }
    }

    /** A console password, last used at {@code lastUsed} (null: never). */
    public IamUserRecord password(Instant lastUsed) {
        synchronized (lock) {
            loginProfileCreated = created;
            passwordLastUsed = lastUsed;
            return this;
        }
    }

    /** An Active access key created with the user, last used at {@code lastUsed} (null: never). */
    public IamUserRecord accessKey(String accessKeyId, Instant lastUsed) {
        synchronized (lock) {
            if (keys.size() == 2) {
                throw new IllegalStateException("IAM allows two access keys per user");
            }
            AccessKey key = new AccessKey(accessKeyId, created);
            keys.add(key);
            used(key, lastUsed);
            return this;
        }
    }

    public IamUserRecord mfaDevice(String serialNumber) {
        return add(mfaDevices, serialNumber);
    }

    public IamUserRecord signingCertificate(String certificateId) {
        return add(signingCertificates, certificateId);
    }

    public IamUserRecord sshPublicKey(String keyId) {
        return add(sshPublicKeys, keyId);
    }

    public IamUserRecord serviceSpecificCredential(String credentialId) {
        return add(serviceSpecificCredentials, credentialId);
    }

    public IamUserRecord group(String groupName) {
        return add(groups, groupName);
    }

    public IamUserRecord attachedPolicy(String policyArn) {
        return add(attachedPolicies, policyArn);
    }

    public IamUserRecord inlinePolicy(String policyName) {
        return add(inlinePolicies, policyName);
    }

    /**
     * Somebody signs a request with this key at {@code at}, as AWS records it: only an Active key
     * can be used (an Inactive one is refused and leaves no trace). Returns whether it was.
     */
    public boolean useKey(String accessKeyId, Instant at) {
        synchronized (lock) {
            AccessKey key = key(accessKeyId).orElseThrow();
            if (!key.status.equals("Active")) {
                return false;
            }
            used(key, at);
            return true;
        }
    }

    /** Somebody sets the key's status directly in AWS (console, another tool). */
    public void setKeyStatus(String accessKeyId, String status) {
        synchronized (lock) {
            key(accessKeyId).orElseThrow().status = status;
        }
    }

    /** "Active", "Inactive", or empty when the key is gone. */
    public Optional<String> keyStatus(String accessKeyId) {
        synchronized (lock) {
            return key(accessKeyId).map(k -> k.status);
        }
    }

    public boolean hasLoginProfile() {
        synchronized (lock) {
            return loginProfileCreated != null;
        }
    }

    public String name() {
        return name;
    }

    Optional<AccessKey> key(String accessKeyId) {
        return keys.stream().filter(k -> k.id.equals(accessKeyId)).findFirst();
    }

    /** What DeleteUser still finds attached, by the API that removes it; empty when it may go. */
    List<String> attachments() {
        List<String> found = new ArrayList<>();
        if (loginProfileCreated != null) {
            found.add("login profile");
        }
        if (!keys.isEmpty()) {
            found.add("access keys");
        }
        if (!mfaDevices.isEmpty()) {
            found.add("MFA devices");
        }
        if (!signingCertificates.isEmpty()) {
            found.add("signing certificates");
        }
        if (!sshPublicKeys.isEmpty()) {
            found.add("SSH public keys");
        }
        if (!serviceSpecificCredentials.isEmpty()) {
            found.add("service-specific credentials");
        }
        if (!groups.isEmpty()) {
            found.add("groups");
        }
        if (!attachedPolicies.isEmpty()) {
            found.add("attached policies");
        }
        if (!inlinePolicies.isEmpty()) {
            found.add("inline policies");
        }
        return found;
    }

    private static void used(AccessKey key, Instant at) {
        key.lastUsed = at;
        key.lastUsedService = at == null ? null : "s3";
        key.lastUsedRegion = at == null ? null : "eu-west-1";
    }

    private IamUserRecord add(List<String> list, String value) {
        synchronized (lock) {
            list.add(value);
            return this;
        }
    }
}
