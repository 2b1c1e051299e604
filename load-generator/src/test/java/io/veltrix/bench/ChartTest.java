package io.veltrix.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ChartTest {

    @Test
    void theSvgIsWellFormedWithOnePolylinePerProfileInEachPanel() throws Exception {
        Map<String, List<Chart.Point>> ladders = new LinkedHashMap<>();
        ladders.put("tuned", List.of(new Chart.Point(200, 200, 4.0), new Chart.Point(280, 279.5, 6.0),
                new Chart.Point(392, 390, 90.0)));
        ladders.put("axon-defaults", List.of(new Chart.Point(200, 180, 700.0)));
        ladders.put("<odd & \"name\">", List.of(new Chart.Point(200, 0, null)));

        String svg = Chart.svg(ladders, 50);

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        assertEquals("svg", doc.getDocumentElement().getNodeName());
        NodeList groups = doc.getElementsByTagName("g");
        assertEquals(2, groups.getLength());
        for (int g = 0; g < groups.getLength(); g++) {
            NodeList lines = ((Element) groups.item(g)).getElementsByTagName("polyline");
            assertEquals(3, lines.getLength());
            assertEquals("tuned", lines.item(0).getTextContent());
            assertEquals("<odd & \"name\">", lines.item(2).getTextContent());
        }
        Element tunedAccepted = (Element) ((Element) groups.item(1)).getElementsByTagName("polyline").item(0);
        assertEquals(3, tunedAccepted.getAttribute("points").split(" ").length);
    }

    @Test
    void laddersComeFromTheSummariesThatHaveOne() throws Exception {
        Map<String, com.fasterxml.jackson.databind.JsonNode> runs = new LinkedHashMap<>();
        runs.put("tuned", Http.JSON.readTree("""
                {"phases":{"ladder":{"steps":[{"offered":200.0,"acceptedPerSecond":199.0,"p99Ms":5.0},
                 {"offered":280.0,"acceptedPerSecond":270.0}]}}}"""));
        runs.put("limit", Http.JSON.readTree("{\"phases\":{\"limit\":{}}}"));
        Map<String, List<Chart.Point>> ladders = Chart.ladders(runs);
        assertEquals(List.of("tuned"), List.copyOf(ladders.keySet()));
        assertEquals(new Chart.Point(280, 270, null), ladders.get("tuned").get(1));
    }

    @Test
    void aLaddersRefiningStepsAreDrawnInOrderOfRate() throws Exception {
        Map<String, com.fasterxml.jackson.databind.JsonNode> runs = Map.of("tuned", Http.JSON.readTree("""
                {"phases":{"ladder":{"steps":[{"offered":2111.0,"acceptedPerSecond":2110.0,"p99Ms":30.0},
                 {"offered":2955.0,"acceptedPerSecond":2900.0,"p99Ms":64.0},
                 {"offered":2498.0,"acceptedPerSecond":2497.0,"p99Ms":41.0,"refine":true}]}}}"""));
        assertEquals(List.of(2111.0, 2498.0, 2955.0),
                Chart.ladders(runs).get("tuned").stream().map(Chart.Point::offered).toList());
    }
}
