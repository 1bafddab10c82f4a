package dev.gatehouse.gateway.router;

/**
 * The literal text every match of an anchored path regex must start with ({@code /api/v} for
 * {@code /api/v\d+/users}), so regex routes can be indexed by prefix like plain ones. Conservative: any
 * alternation, group, class or quantifier ends the literal (a quantifier that allows zero repetitions also drops
 * the character before it); an empty result means "scan always".
 */
final class RegexPrefix {

    private static final String META = ".[]{}()*+?^$|";

    private RegexPrefix() {}

    static String of(String regex) {
        if (regex.indexOf('|') >= 0) {
            return ""; // an alternation may start anywhere
        }
        StringBuilder lit = new StringBuilder();
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            if (c == '\\') {
                if (i + 1 >= regex.length()) {
                    break;
                }
                char n = regex.charAt(i + 1);
                if (Character.isLetterOrDigit(n)) {
                    break; // \d, \w, \Q, \1 ... : not a literal
                }
                if (quantifierAt(regex, i + 2)) {
                    break;
                }
                lit.append(n);
                i += 2;
                continue;
            }
            if (META.indexOf(c) >= 0) {
                if ((c == '*' || c == '?' || c == '{') && lit.length() > 0) {
                    lit.setLength(lit.length() - 1);
                }
                break;
            }
            if (quantifierAt(regex, i + 1)) {
                char q = regex.charAt(i + 1);
                if (q == '+') {
                    lit.append(c);
                }
                break;
            }
            lit.append(c);
            i++;
        }
        return lit.toString();
    }

    private static boolean quantifierAt(String regex, int i) {
        if (i >= regex.length()) {
            return false;
        }
        char q = regex.charAt(i);
        return q == '*' || q == '?' || q == '{' || q == '+';
    }
}
