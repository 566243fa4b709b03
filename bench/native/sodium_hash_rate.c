/*
 * The benchmark's libsodium reference: Argon2id hashes per second of libsodium (crypto_pwhash,
 * the Debian package's build, with its own choice of SIMD code) at Guestlist's settings
 * (m = 19 MiB, t = 2, p = 1, 16-byte salt, 32-byte hash), one thread per core, each hashing in a
 * loop, after a warm-up. Prints one line:
 *
 *   SODIUMRATE <hashes per second> <mean ms per hash> <threads> <hex of one hash>
 *
 * Usage: sodium_hash_rate SECONDS THREADS WARMUP_SECONDS
 * Built by bench/run.sh: cc -O2 -pthread sodium_hash_rate.c -lsodium
 */
#include <pthread.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MEMORY_BYTES (19u * 1024u * 1024u)
#define ITERATIONS 2u
#define SALT_BYTES crypto_pwhash_SALTBYTES
#define HASH_BYTES 32u

static const char PASSWORD[] = "correct horse battery staple";

static atomic_int stopping;
static atomic_long hashes;
static atomic_long busy_nanos;

static long now_nanos(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000000000L + t.tv_nsec;
}

static int hash_once(unsigned char out[HASH_BYTES]) {
    unsigned char salt[SALT_BYTES];
    randombytes_buf(salt, sizeof salt);
    return crypto_pwhash(out, HASH_BYTES, PASSWORD, strlen(PASSWORD), salt, ITERATIONS, MEMORY_BYTES,
                         crypto_pwhash_ALG_ARGON2ID13);
}

static void *hash_in_a_loop(void *unused) {
    (void) unused;
    unsigned char out[HASH_BYTES];
    do {
        long start = now_nanos();
        if (hash_once(out) != 0) {
            fprintf(stderr, "crypto_pwhash failed (out of memory?)\n");
            exit(1);
        }
        atomic_fetch_add(&busy_nanos, now_nanos() - start);
        atomic_fetch_add(&hashes, 1);
    } while (!atomic_load(&stopping));
    return NULL;
}

/* Runs THREADS hashing threads for SECONDS; stores hashes per second and mean ms per hash. */
static void run(int threads, double seconds, double *per_second, double *mean_ms) {
    pthread_t workers[threads];
    atomic_store(&stopping, 0);
    atomic_store(&hashes, 0);
    atomic_store(&busy_nanos, 0);
    long start = now_nanos();
    for (int i = 0; i < threads; i++) {
        if (pthread_create(&workers[i], NULL, hash_in_a_loop, NULL) != 0) {
            fprintf(stderr, "cannot start a thread\n");
            exit(1);
        }
    }
    struct timespec pause = {(time_t) seconds, (long) ((seconds - (double) (time_t) seconds) * 1e9)};
    nanosleep(&pause, NULL);
    atomic_store(&stopping, 1);
    for (int i = 0; i < threads; i++) {
        pthread_join(workers[i], NULL);
    }
    double elapsed = (now_nanos() - start) / 1e9;
    long count = atomic_load(&hashes);
    *per_second = count / elapsed;
    *mean_ms = count == 0 ? 0 : atomic_load(&busy_nanos) / 1e6 / count;
}

int main(int argc, char **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: %s SECONDS THREADS WARMUP_SECONDS\n", argv[0]);
        return 2;
    }
    double seconds = atof(argv[1]);
    int threads = atoi(argv[2]);
    double warmup = atof(argv[3]);
    if (seconds <= 0 || threads < 1 || warmup < 0 || sodium_init() < 0) {
        fprintf(stderr, "bad arguments, or libsodium cannot start\n");
        return 2;
    }
    double per_second, mean_ms;
    if (warmup > 0) {
        run(threads, warmup, &per_second, &mean_ms);
    }
    run(threads, seconds, &per_second, &mean_ms);
    unsigned char sample[HASH_BYTES];
    if (hash_once(sample) != 0) {
        return 1;
    }
    char hex[HASH_BYTES * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, sample, sizeof sample);
    printf("SODIUMRATE %.2f %.2f %d %s\n", per_second, mean_ms, threads, hex);
    return 0;
}
