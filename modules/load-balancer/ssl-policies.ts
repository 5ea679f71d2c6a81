/**
 * The Elastic Load Balancing security policies that offer TLS 1.3 (names start `ELBSecurityPolicy-TLS13-`), from the
 * Application Load Balancer security-policy tables. Older policies (`ELBSecurityPolicy-2016-08`, the `-TLS-1-2-`
 * and `-FS-` families) stop at TLS 1.2 and are not accepted.
 */
export const TLS13_SSL_POLICIES = [
  // 2021-06: TLS 1.3, the number after it is the lowest version also accepted.
  'ELBSecurityPolicy-TLS13-1-2-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Res-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06',
  'ELBSecurityPolicy-TLS13-1-1-2021-06',
  'ELBSecurityPolicy-TLS13-1-0-2021-06',
  'ELBSecurityPolicy-TLS13-1-3-2021-06',
  // FIPS 140-3 cryptographic modules.
  'ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-1-FIPS-2023-04',
  'ELBSecurityPolicy-TLS13-1-0-FIPS-2023-04',
  // Hybrid post-quantum key exchange (ML-KEM).
  'ELBSecurityPolicy-TLS13-1-3-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-0-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09',
  'ELBSecurityPolicy-TLS13-1-0-FIPS-PQ-2025-09',
] as const;

export type Tls13SslPolicy = (typeof TLS13_SSL_POLICIES)[number];

/** TLS 1.3 and 1.2 only, forward secrecy: AWS's recommendation for general use and this module's default. */
export const DEFAULT_SSL_POLICY: Tls13SslPolicy = 'ELBSecurityPolicy-TLS13-1-2-2021-06';
