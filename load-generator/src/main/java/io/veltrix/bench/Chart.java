package io.veltrix.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The capacity ladders of one run as an SVG, built as plain text: finds p99 (corrected, log scale)
 * and accepted finds/s against the offered rate, one line per profile in each panel, with the SLO
 * and the "accepted = offered" diagonal drawn for reference.
 */
final class Chart {

    private Chart() {
    }

    /** One ladder step: offered and accepted finds/s, p99 in ms (null when nothing was answered). */
    record Point(double offered, double accepted, Double p99Ms) {
    }

    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};
    private static final int WIDTH = 720;
    private static final int PANEL_HEIGHT = 260;
    private static final int LEFT = 70;
    private static final int RIGHT = 170;
    private static final int TOP = 40;
    private static final int GAP = 70;

    /** The ladder steps of each summary that has some, by profile. */
    static Map<String, List<Point>> ladders(Map<String, JsonNode> byProfile) {
        Map<String, List<Point>> out = new LinkedHashMap<>();
        byProfile.forEach((profile, summary) -> {
            List<Point> points = new ArrayList<>();
            for (JsonNode step : summary.path("phases").path("ladder").path("steps")) {
                JsonNode p99 = step.path("p99Ms");
                points.add(new Point(step.path("offered").asDouble(), step.path("acceptedPerSecond").asDouble(),
                        p99.isNumber() ? p99.asDouble() : null));
            }
            if (!points.isEmpty()) {
                // the refining steps come after the broken one at rates between: drawn in order of rate
                points.sort(Comparator.comparingDouble(Point::offered));
                out.put(profile, points);
            }
        });
        return out;
    }

    static Path write(Map<String, List<Point>> ladders, double sloP99Ms, Path file) throws IOException {
        Files.writeString(file, svg(ladders, sloP99Ms));
        return file;
    }

    static String svg(Map<String, List<Point>> ladders, double sloP99Ms) {
        double maxOffered = 1;
        double maxRate = 1;
        double minP99 = Math.min(1, sloP99Ms);
        double maxP99 = Math.max(10, sloP99Ms);
        for (List<Point> points : ladders.values()) {
            for (Point p : points) {
                maxOffered = Math.max(maxOffered, p.offered());
                maxRate = Math.max(maxRate, Math.max(p.offered(), p.accepted()));
                if (p.p99Ms() != null && p.p99Ms() > 0) {
                    minP99 = Math.min(minP99, p.p99Ms());
                    maxP99 = Math.max(maxP99, p.p99Ms());
                }
            }
        }
        double xMax = niceCeiling(maxOffered);
        double yRateMax = niceCeiling(maxRate);
        double logMin = Math.floor(Math.log10(minP99));
        double logMax = Math.ceil(Math.log10(maxP99));
        int plotWidth = WIDTH - LEFT - RIGHT;
        int height = TOP + 2 * PANEL_HEIGHT + GAP + 50;
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">\n", WIDTH, height, WIDTH, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", WIDTH, height));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"22\" font-size=\"15\">Capacity ladder: finds p99 and accepted rate"
                + " against offered rate</text>\n", LEFT));

        // panel 1: p99, log scale
        int top1 = TOP;
        s.append("<g id=\"p99\">\n");
        axes(s, top1, plotWidth, xMax, "finds p99, ms (corrected, log)");
        for (double e = logMin; e <= logMax; e++) {
            double y = top1 + PANEL_HEIGHT - (e - logMin) / Math.max(1, logMax - logMin) * PANEL_HEIGHT;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT, y, LEFT + plotWidth, y, LEFT - 6, y + 4,
                    trim(Math.pow(10, e))));
        }
        double sloY = top1 + PANEL_HEIGHT - (Math.log10(sloP99Ms) - logMin) / Math.max(1, logMax - logMin) * PANEL_HEIGHT;
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\" stroke-dasharray=\"6 4\"/>"
                + "<text x=\"%d\" y=\"%.1f\" fill=\"#666\">SLO %s ms</text>\n", LEFT, sloY, LEFT + plotWidth, sloY,
                LEFT + plotWidth + 6, sloY + 4, trim(sloP99Ms)));
        int i = 0;
        for (Map.Entry<String, List<Point>> e : ladders.entrySet()) {
            StringBuilder pts = new StringBuilder();
            for (Point p : e.getValue()) {
                if (p.p99Ms() == null || p.p99Ms() <= 0) {
                    continue;
                }
                double x = LEFT + p.offered() / xMax * plotWidth;
                double y = top1 + PANEL_HEIGHT - (Math.log10(p.p99Ms()) - logMin) / Math.max(1, logMax - logMin) * PANEL_HEIGHT;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            polyline(s, pts, COLOURS[i % COLOURS.length], e.getKey());
            i++;
        }
        s.append("</g>\n");

        // panel 2: accepted rate
        int top2 = TOP + PANEL_HEIGHT + GAP;
        s.append("<g id=\"accepted\">\n");
        axes(s, top2, plotWidth, xMax, "accepted finds/s");
        for (int k = 0; k <= 4; k++) {
            double v = yRateMax * k / 4;
            double y = top2 + PANEL_HEIGHT - v / yRateMax * PANEL_HEIGHT;
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n", LEFT, y, LEFT + plotWidth, y, LEFT - 6, y + 4, trim(v)));
        }
        double diagonalEnd = Math.min(xMax, yRateMax);
        s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" stroke-dasharray=\"6 4\"/>"
                + "<text x=\"%d\" y=\"%d\" fill=\"#666\">dashed: accepted = offered</text>\n", LEFT, top2 + PANEL_HEIGHT,
                LEFT + diagonalEnd / xMax * plotWidth, top2 + PANEL_HEIGHT - diagonalEnd / yRateMax * PANEL_HEIGHT,
                LEFT + plotWidth + 6, top2 + 14));
        i = 0;
        for (Map.Entry<String, List<Point>> e : ladders.entrySet()) {
            StringBuilder pts = new StringBuilder();
            for (Point p : e.getValue()) {
                double x = LEFT + p.offered() / xMax * plotWidth;
                double y = top2 + PANEL_HEIGHT - p.accepted() / yRateMax * PANEL_HEIGHT;
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            polyline(s, pts, COLOURS[i % COLOURS.length], e.getKey());
            i++;
        }
        s.append("</g>\n");

        // legend
        i = 0;
        for (String profile : ladders.keySet()) {
            int y = TOP + 20 + 18 * i;
            String colour = COLOURS[i % COLOURS.length];
            s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"3\"/>"
                    + "<text x=\"%d\" y=\"%d\">%s</text>\n", LEFT + plotWidth + 10, y, LEFT + plotWidth + 30, y, colour,
                    LEFT + plotWidth + 36, y + 4, escape(profile)));
            i++;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void axes(StringBuilder s, int top, int plotWidth, double xMax, String yLabel) {
        s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n",
                LEFT, top, plotWidth, PANEL_HEIGHT));
        for (int k = 0; k <= 5; k++) {
            double v = xMax * k / 5;
            double x = LEFT + v / xMax * plotWidth;
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", x,
                    top + PANEL_HEIGHT + 16, trim(v)));
        }
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">offered finds/s</text>\n",
                LEFT + plotWidth / 2, top + PANEL_HEIGHT + 34));
        s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>\n", LEFT, top - 8, escape(yLabel)));
    }

    private static void polyline(StringBuilder s, StringBuilder points, String colour, String profile) {
        s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\">"
                + "<title>%s</title></polyline>\n", colour, points.toString().trim(), escape(profile)));
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}. */
    static double niceCeiling(double v) {
        double power = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= v) {
                return m * power;
            }
        }
        return 10 * power;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : String.format(Locale.ROOT, "%.2g", v);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
