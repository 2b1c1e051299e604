package io.veltrix.api.hunt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.veltrix.api.audit.CanonicalJson;
import io.veltrix.api.audit.EventDecoder;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;

class HuntCreatedUpcasterTest {

    private final ObjectMapper mapper = CanonicalJson.mapper();

    @Test
    void theCurrentSchemaIsVersionTwo() {
        assertThat(HuntCreated.class.getAnnotation(Revision.class).value()).isEqualTo("2");
    }

    @Test
    void aVersionOneHuntReadsAsOpenToAnyone() throws Exception {
        var v1 = mapper.readTree("""
                {"endsAt":null,"firstFinderBonus":5,"huntId":"h","lockoutWindowSeconds":60,"maxPlayers":null,
                 "maxWrongAttempts":5,"name":"Old","organizer":"org","startsAt":null}""");
        assertThat(EventDecoder.upcast(HuntCreated.class.getName(), "1", v1).get("joinCodeHash").isNull()).isTrue();
        Object decoded = new EventDecoder().decode(HuntCreated.class.getName(), "1", v1);
        assertThat(decoded).isEqualTo(new HuntCreated(new HuntId("h"), "Old", null, null, null, 5, 5, 60, "org", null));
        assertThat(v1.has("joinCodeHash")).as("the stored tree is not touched").isFalse();
    }

    @Test
    void aVersionTwoHuntKeepsItsJoinCodeHash() throws Exception {
        var event = new HuntCreated(new HuntId("h"), "New", null, null, 10, 0, 5, 60, "org", "ab12");
        var v2 = mapper.readTree(mapper.writeValueAsBytes(event));
        assertThat(new EventDecoder().decode(HuntCreated.class.getName(), "2", v2)).isEqualTo(event);
    }
}
