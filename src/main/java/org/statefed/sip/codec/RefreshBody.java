package org.statefed.sip.codec;

import java.util.Objects;

import org.statefed.state.EntityId;

/** {@code {"type":"refresh","eid":…}}: the sender asks for every state the receiver may send it. */
public record RefreshBody(EntityId eid) implements PublicationBody {
    public RefreshBody {
        Objects.requireNonNull(eid, "eid");
    }
}
