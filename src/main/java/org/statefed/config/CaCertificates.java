package org.statefed.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The certificates of {@code tls_ca_file}, read the same way by {@code check-config} and by
 * {@code run}, so that a file check-config accepts is one run can use.
 */
public final class CaCertificates {
    /** A CA bundle is a few kilobytes; the system's whole bundle is about 200 KB. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final String WHAT = "a PEM (or DER) file with the CA certificate(s) to trust";

    private CaCertificates() {
    }

    /**
     * The X.509 certificates in {@code file}, at least one.
     *
     * @throws IOException whose message says, in words for the user, why the file cannot be used
     */
    public static List<X509Certificate> load(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = BoundedFile.read(file, MAX_BYTES, WHAT);
        } catch (BoundedFile.UnreadableException e) {
            throw new IOException(e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new IOException("no such file (looked for " + file + ")", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot be read (permission denied for " + file + ")", e);
        }
        Collection<? extends Certificate> found;
        try {
            found = CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes));
        } catch (CertificateException e) {
            throw new IOException("holds no readable certificate (" + e.getMessage() + "); must be " + WHAT, e);
        }
        List<X509Certificate> certificates = new ArrayList<>();
        for (Certificate certificate : found) {
            if (certificate instanceof X509Certificate x509) {
                certificates.add(x509);
            }
        }
        if (certificates.isEmpty()) {
            throw new IOException("holds no certificate; must be " + WHAT);
        }
        return List.copyOf(certificates);
    }
}
