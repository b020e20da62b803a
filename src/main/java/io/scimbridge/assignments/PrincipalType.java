package io.scimbridge.assignments;

/** Who an account assignment is for, as SSO Admin names it. */
public enum PrincipalType {
    USER, GROUP
}
