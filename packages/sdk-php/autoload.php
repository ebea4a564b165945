<?php

declare(strict_types=1);

// For use without Composer: `require 'path/to/sdk-php/autoload.php';`. The same PSR-4 mapping
// as composer.json (namespace PremiumCDKeys\ in src/).
spl_autoload_register(static function (string $class): void {
    $prefix = 'PremiumCDKeys\\';
    if (strncmp($class, $prefix, strlen($prefix)) !== 0) {
        return;
    }

    $relative = substr($class, strlen($prefix));
    $file = __DIR__ . '/src/' . str_replace('\\', '/', $relative) . '.php';
    if (is_file($file)) {
        require $file;
    }
});
