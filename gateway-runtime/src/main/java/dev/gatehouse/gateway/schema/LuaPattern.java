package dev.gatehouse.gateway.schema;

import java.util.regex.Pattern;

/**
 * A Lua pattern as written in Kong's schemas (kept verbatim for {@code /schemas} output) with its Java regex
 * translation for matching. Supports the subset Kong's entity schemas use: classes ({@code %a %d %w %u %l %s %x
 * %p}), escapes, sets, anchors and the quantifiers {@code * + ? -}.
 */
public record LuaPattern(String lua, Pattern regex) {

    public static LuaPattern of(String lua) {
        return new LuaPattern(lua, Pattern.compile(translate(lua)));
    }

    /** Lua's {@code string.match}: an unanchored search unless the pattern starts with {@code ^}. */
    public boolean find(String s) {
        return regex.matcher(s).find();
    }

    static String translate(String lua) {
        StringBuilder out = new StringBuilder();
        boolean inSet = false;
        for (int i = 0; i < lua.length(); i++) {
            char c = lua.charAt(i);
            if (c == '%' && i + 1 < lua.length()) {
                char n = lua.charAt(++i);
                out.append(luaClass(n, inSet));
            } else if (c == '[' && !inSet) {
                inSet = true;
                out.append('[');
                if (i + 1 < lua.length() && lua.charAt(i + 1) == '^') {
                    out.append('^');
                    i++;
                }
            } else if (c == ']' && inSet) {
                inSet = false;
                out.append(']');
            } else if (inSet) {
                if (c == '[' || c == '\\' || c == '&' || c == '^') {
                    out.append('\\');
                }
                out.append(c);
            } else if (c == '-') {
                out.append("*?");
            } else if (c == '^' && i == 0) {
                out.append('^');
            } else if (c == '$' && i == lua.length() - 1) {
                out.append('$');
            } else if ("\\{}|()".indexOf(c) >= 0 || (c == '^') || (c == '$')) {
                out.append('\\').append(c);
            } else if (c >= 0x80) {
                out.append(c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String luaClass(char n, boolean inSet) {
        String body = switch (n) {
            case 'a' -> "A-Za-z";
            case 'd' -> "0-9";
            case 'w' -> "A-Za-z0-9";
            case 'u' -> "A-Z";
            case 'l' -> "a-z";
            case 's' -> " \\t\\n\\r\\f\\x0B";
            case 'x' -> "0-9A-Fa-f";
            case 'p' -> "\\p{Punct}";
            default -> null;
        };
        if (body == null) {
            return "\\" + n;
        }
        return inSet ? body : "[" + body + "]";
    }
}
