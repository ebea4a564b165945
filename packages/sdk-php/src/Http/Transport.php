<?php

declare(strict_types=1);

namespace PremiumCDKeys\Http;

use PremiumCDKeys\Client;
use PremiumCDKeys\Exception\ConnectionException;
use PremiumCDKeys\Exception\TimeoutException;

/**
 * Every request of the client goes through here: authentication, the timeout, the retry of 429
 * answers after the wait they ask for, and typed exceptions for error answers. It speaks HTTP
 * through PHP's own http stream wrapper, so the package needs no extension beyond json.
 */
final class Transport
{
    private ?RateLimit $lastRateLimit = null;

    public function __construct(
        #[\SensitiveParameter] private readonly string $apiKey,
        private readonly string $baseUrl,
        private readonly float $timeout,
        private readonly int $maxRetries,
        private readonly float $maxRetryWait,
    ) {
    }

    /**
     * @param string $path below /api/v1, starting with "/", variable segments already encoded
     * @param array<string, mixed> $query
     * @param array<string, mixed>|null $body
     * @param array<string, string> $headers
     * @return mixed the decoded JSON (null for 204)
     */
    public function request(
        string $method,
        string $path,
        array $query = [],
        ?array $body = null,
        array $headers = [],
    ): mixed {
        $url = $this->baseUrl . '/api/v1' . $path . Query::build($query);
        $payload = $body === null ? null : Json::encodeBody($body);

        for ($retry = 0;; $retry++) {
            $answer = $this->send($method, $url, $payload, $headers);
            $rateLimit = RateLimit::fromHeaders($answer['headers']);
            if ($rateLimit !== null) {
                $this->lastRateLimit = $rateLimit;
            }

            $wait = $rateLimit?->secondsToWait() ?? 1.0;
            if ($answer['status'] === 429 && $retry < $this->maxRetries && $wait <= $this->maxRetryWait) {
                usleep((int) round($wait * 1_000_000));
                continue;
            }
            return AnswerReader::read($answer['status'], $answer['headers'], $answer['body'], $rateLimit);
        }
    }

    public function lastRateLimit(): ?RateLimit
    {
        return $this->lastRateLimit;
    }

    /**
     * One attempt, body included, within the timeout.
     *
     * @param array<string, string> $extraHeaders
     * @return array{status: int, headers: array<string, string>, body: string}
     */
    private function send(string $method, string $url, ?string $payload, array $extraHeaders): array
    {
        $deadline = microtime(true) + $this->timeout;
        $context = stream_context_create(['http' => [
            'method' => $method,
            'header' => $this->headerLines($payload, $extraHeaders),
            'content' => $payload ?? '',
            'timeout' => $this->timeout,
            'ignore_errors' => true,
            // A redirect would carry the API key to wherever it points: it is reported instead.
            'follow_location' => 0,
            // HTTP/1.0 answers come unchunked; PHP's de-chunking filter would otherwise block a
            // read until 64 KB or the end arrived, past any deadline.
            'protocol_version' => 1.0,
        ]]);

        $warning = null;
        set_error_handler(static function (int $_level, string $message) use (&$warning): bool {
            $warning = $message;
            return true;
        });
        try {
            $stream = fopen($url, 'rb', false, $context);
        } finally {
            restore_error_handler();
        }
        if ($stream === false) {
            throw $this->failure($method, $url, (string) $warning, $deadline);
        }

        try {
            $meta = stream_get_meta_data($stream);
            if ($meta['timed_out']) {
                throw $this->timedOut($method, $url);
            }
            $body = $this->readBody($stream, $deadline, $method, $url);
            [$status, $headers] = self::parseHead($meta['wrapper_data'] ?? []);
        } finally {
            fclose($stream);
        }
        return ['status' => $status, 'headers' => $headers, 'body' => $body];
    }

    /** @param resource $stream */
    private function readBody($stream, float $deadline, string $method, string $url): string
    {
        $body = '';
        while (!feof($stream)) {
            $left = $deadline - microtime(true);
            if ($left <= 0) {
                throw $this->timedOut($method, $url);
            }
            stream_set_timeout($stream, (int) $left, (int) (fmod($left, 1.0) * 1_000_000));
            $chunk = fread($stream, 65536);
            if (stream_get_meta_data($stream)['timed_out']) {
                throw $this->timedOut($method, $url);
            }
            if ($chunk === false) {
                break;
            }
            $body .= $chunk;
        }
        return $body;
    }

    /**
     * @param array<string, string> $extraHeaders
     * @return list<string>
     */
    private function headerLines(?string $payload, array $extraHeaders): array
    {
        $lines = [
            'Accept: application/json',
            'Authorization: Bearer ' . $this->apiKey,
            'User-Agent: premiumcdkeys-sdk-php/' . Client::VERSION . ' php/' . PHP_VERSION,
        ];
        if ($payload !== null) {
            $lines[] = 'Content-Type: application/json';
        }
        foreach ($extraHeaders as $name => $value) {
            $lines[] = "$name: $value";
        }
        return $lines;
    }

    /**
     * The status of the last response head and its headers, names lower-cased.
     *
     * @param array<int, string> $lines
     * @return array{0: int, 1: array<string, string>}
     */
    private static function parseHead(array $lines): array
    {
        $status = 0;
        $headers = [];
        foreach ($lines as $line) {
            if (preg_match('#^HTTP/\S+\s+(\d{3})#', $line, $match) === 1) {
                $status = (int) $match[1];
                $headers = [];
                continue;
            }
            $colon = strpos($line, ':');
            if ($colon !== false) {
                $headers[strtolower(trim(substr($line, 0, $colon)))] = trim(substr($line, $colon + 1));
            }
        }
        return [$status, $headers];
    }

    private function failure(string $method, string $url, string $warning, float $deadline): \RuntimeException
    {
        if (stripos($warning, 'timed out') !== false || microtime(true) >= $deadline) {
            return $this->timedOut($method, $url);
        }
        return new ConnectionException("Could not reach $url: $warning", 'CONNECTION_ERROR');
    }

    private function timedOut(string $method, string $url): TimeoutException
    {
        $milliseconds = (int) round($this->timeout * 1000);
        return new TimeoutException("No answer within $milliseconds ms: $method $url", 'TIMEOUT');
    }
}
