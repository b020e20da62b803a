package io.scimbridge.audit;

/** Makes a value the IdP chose safe to store and show: no control characters, bounded length. */
final class Clip {

    private Clip() {}

    static String to(String value, int max) {
        if (value == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max));
        value.codePoints().map(c -> Character.isISOControl(c) ? '?' : c).forEach(out::appendCodePoint);
        if (out.length() <= max) {
            return out.toString();
        }
        return out.substring(0, max - 3) + "...";
    }
}
