package io.veltrix.api.find;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.EventDecoder;
import io.veltrix.api.hunt.ClueId;
import io.veltrix.api.hunt.HuntId;
import io.veltrix.api.player.PlayerId;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

class ClueFoundUpcasterTest {

    private final ObjectMapper mapper = CanonicalJson.mapper();

    @Test
    void theCurrentSchemaIsVersionTwo() {
        assertThat(ClueFound.class.getAnnotation(Revision.class).value()).isEqualTo("2");
    }

    @Test
    void aVersionOnePayloadReadsAsVersionTwoWithWrongBeforeUnknown() throws Exception {
        var v1 = mapper.readTree("{\"clueId\":\"c\",\"huntId\":\"h\",\"playerId\":\"p\",\"points\":10}");
        Object decoded = new EventDecoder().decode(ClueFound.class.getName(), "1", v1);
        assertThat(decoded).isEqualTo(new ClueFound(new PlayerId("p"), new HuntId("h"), new ClueId("c"), 10, null));
        assertThat(v1.has("wrongBefore")).as("the stored tree is not touched").isFalse();
    }

    @Test
    void aVersionTwoPayloadKeepsItsCount() throws Exception {
        var event = new ClueFound(new PlayerId("p"), new HuntId("h"), new ClueId("c"), 10, 3);
        var v2 = mapper.readTree(mapper.writeValueAsBytes(event));
        assertThat(new EventDecoder().decode(ClueFound.class.getName(), "2", v2)).isEqualTo(event);
    }
}
