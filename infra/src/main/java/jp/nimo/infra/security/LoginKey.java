package jp.nimo.infra.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** What failed logins are counted against: a user name as typed (known or not), or a client address. */
public record LoginKey(Kind kind, String value) {

    /** The longest value stored as it is; longer user names are stored as their SHA-256. */
    static final int MAX_LENGTH = 200;

    public enum Kind {
        NAME("name"), ADDRESS("address");

        private final String column;

        Kind(String column) {
            this.column = column;
        }

        /** As stored in the table and as the metric's {@code key} tag. */
        public String column() {
            return column;
        }

        static Kind of(String column) {
            return column.equals(NAME.column) ? NAME : ADDRESS;
        }
    }

    public static LoginKey name(String userName) {
        return new LoginKey(Kind.NAME, userName.length() <= MAX_LENGTH ? userName : "sha256:" + sha256(userName));
    }

    /**
     * A client address as the servlet request gives it. IPv6 addresses count by their /64 network,
     * the block one subscriber gets: otherwise each of its addresses would have free failures of its own.
     */
    public static LoginKey address(String remoteAddress) {
        String value = remoteAddress == null ? "unknown" : remoteAddress;
        if (value.indexOf(':') >= 0) {
            try {
                // a literal with a colon is parsed as IPv6, never looked up
                InetAddress parsed = InetAddress.getByName(value.startsWith("[") ? value : "[" + value + "]");
                if (parsed instanceof Inet6Address) {
                    byte[] bytes = parsed.getAddress();
                    for (int i = 8; i < 16; i++) {
                        bytes[i] = 0;
                    }
                    value = InetAddress.getByAddress(bytes).getHostAddress() + "/64";
                } else {
                    value = parsed.getHostAddress();
                }
            } catch (UnknownHostException e) {
                // not an address literal: counted as given
            }
        }
        return new LoginKey(Kind.ADDRESS, value.length() <= MAX_LENGTH ? value : "sha256:" + sha256(value));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
