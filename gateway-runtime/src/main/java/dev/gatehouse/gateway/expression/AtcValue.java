package dev.gatehouse.gateway.expression;

import java.net.InetAddress;
import java.util.regex.Pattern;

/** A value of the ATC language: a literal on a predicate's right side, or a request field's value. */
public sealed interface AtcValue {

    AtcType type();

    /** A string. */
    record Str(String value) implements AtcValue {
        public AtcType type() {
            return AtcType.STRING;
        }
    }

    /** A 64-bit integer. */
    record Int(long value) implements AtcValue {
        public AtcType type() {
            return AtcType.INT;
        }
    }

    /** An IPv4 or IPv6 address. */
    record Ip(InetAddress value) implements AtcValue {
        public AtcType type() {
            return AtcType.IP_ADDR;
        }
    }

    /** A network: address bytes with the host bits cleared, and the prefix length. */
    record Cidr(byte[] network, int bits) implements AtcValue {
        public AtcType type() {
            return AtcType.IP_CIDR;
        }

        /** True when {@code address} is of the same family and inside the network. */
        public boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }

    /** A compiled regular expression (the right side of {@code ~}). */
    record Regex(Pattern pattern) implements AtcValue {
        public AtcType type() {
            return AtcType.REGEX;
        }
    }
}
