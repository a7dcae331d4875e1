package org.statefed.corosync.cpg;

import java.nio.charset.StandardCharsets;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;

/** Reads and writes {@code struct cpg_name}: a {@code uint32_t} length, then up to 128 bytes, no NUL needed. */
final class CpgNames {

    private CpgNames() {
    }

    /** The problem with a group name, or null when libcpg accepts it (1..128 bytes, no NUL). */
    static String problem(String group) {
        if (group == null || group.isEmpty()) {
            return "a CPG group name must not be empty";
        }
        byte[] bytes = group.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > LibCpg.CPG_MAX_NAME_LENGTH) {
            return "CPG group name \"" + group + "\" is " + bytes.length + " bytes; the maximum is "
                    + LibCpg.CPG_MAX_NAME_LENGTH;
        }
        if (group.indexOf('\0') >= 0) {
            return "a CPG group name must not contain NUL";
        }
        return null;
    }

    static Memory write(String group) {
        byte[] bytes = group.getBytes(StandardCharsets.UTF_8);
        Memory name = new Memory(LibCpg.CPG_NAME_SIZE);
        name.clear();
        name.setInt(0, bytes.length);
        name.write(4, bytes, 0, bytes.length);
        return name;
    }

    /** The name a callback was given; a length beyond 128 (never written by corosync) is cut to 128. */
    static String read(Pointer name) {
        if (name == null) {
            return "";
        }
        int length = Math.max(0, Math.min(name.getInt(0), LibCpg.CPG_MAX_NAME_LENGTH));
        return new String(name.getByteArray(4, length), StandardCharsets.UTF_8);
    }
}
