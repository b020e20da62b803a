package io.scimbridge.aws.emulator;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a test field to receive the running emulators from {@link AwsEmulatorsResource}: the field
 * may be of type {@link AwsEmulators}, {@code IdentityCenterScimEmulator} or
 * {@link IdentityStoreEmulator}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface InjectAwsEmulators {
}
