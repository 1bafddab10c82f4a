package dev.gatehouse.app.pages.entities;

import java.util.Comparator;

/** Orders texts as people count: route-2 before route-10, case aside. Numbers compare by value, digit runs whole. */
public final class NaturalOrder implements Comparator<String> {

    public static final NaturalOrder INSTANCE = new NaturalOrder();

    private NaturalOrder() {}

    @Override
    public int compare(String a, String b) {
        String x = a == null ? "" : a;
        String y = b == null ? "" : b;
        int i = 0;
        int j = 0;
        while (i < x.length() && j < y.length()) {
            char cx = x.charAt(i);
            char cy = y.charAt(j);
            if (Character.isDigit(cx) && Character.isDigit(cy)) {
                int endX = digitsEnd(x, i);
                int endY = digitsEnd(y, j);
                int byValue = compareNumbers(x.substring(i, endX), y.substring(j, endY));
                if (byValue != 0) {
                    return byValue;
                }
                i = endX;
                j = endY;
            } else {
                int byChar = Character.compare(Character.toLowerCase(cx), Character.toLowerCase(cy));
                if (byChar != 0) {
                    return byChar;
                }
                i++;
                j++;
            }
        }
        int byLength = Integer.compare(x.length() - i, y.length() - j);
        return byLength != 0 ? byLength : x.compareTo(y);
    }

    private static int digitsEnd(String s, int from) {
        int end = from;
        while (end < s.length() && Character.isDigit(s.charAt(end))) {
            end++;
        }
        return end;
    }

    /** Digit runs of any length, without parsing: fewer significant digits is smaller. */
    private static int compareNumbers(String a, String b) {
        String x = a.replaceFirst("^0+(?=.)", "");
        String y = b.replaceFirst("^0+(?=.)", "");
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
    }
}
