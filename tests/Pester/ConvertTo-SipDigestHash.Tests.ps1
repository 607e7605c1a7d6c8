BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-SipTestModule

    # The reference hash comes from another implementation: coreutils or openssl over the exact bytes.
    function Get-ExternalHash([string] $Text, [string] $Tool) {
        $file = Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))
        [IO.File]::WriteAllBytes($file, [Text.Encoding]::UTF8.GetBytes($Text))
        $line = switch ($Tool) {
            'md5sum' { & md5sum $file }
            default { & openssl dgst "-$Tool" -r $file }
        }
        $line.Split(' ')[0]
    }
}

Describe 'ConvertTo-SipDigestHash' -Tag Digest {
    It 'prints what RFC2617Digest prints: hex MD5 of user:realm:password' {
        (ConvertTo-SipDigestHash -UserName admin -Realm sip-servlets -Password (ConvertTo-TestSecret 's3cr3t')).Hash |
            Should -Be (Get-ExternalHash 'admin:sip-servlets:s3cr3t' 'md5sum')
    }

    It 'matches the harness''s users.csv A1 for user0000' {
        (ConvertTo-SipDigestHash user0000 bench.test (ConvertTo-TestSecret 'secret-0000')).Hash | Should -Be '81c2aeb4f2fd13664c66164c61a24137'
    }

    It 'hashes non-ASCII names and passwords as UTF-8' {
        (ConvertTo-SipDigestHash -UserName 'jörg' -Realm sip-servlets -Password (ConvertTo-TestSecret 'pässwörd')).Hash |
            Should -Be (Get-ExternalHash 'jörg:sip-servlets:pässwörd' 'md5sum')
    }

    It 'computes SHA-256 and SHA-512-256 as openssl does' {
        $credential = [pscredential]::new('Mufasa', (ConvertTo-TestSecret 'Circle of Life'))
        $hashes = ConvertTo-SipDigestHash -Credential $credential -Realm 'http-auth@example.org' -Algorithm SHA256, SHA512_256
        $hashes[0].Hash | Should -Be (Get-ExternalHash 'Mufasa:http-auth@example.org:Circle of Life' 'sha256')
        $hashes[1].Hash | Should -Be (Get-ExternalHash 'Mufasa:http-auth@example.org:Circle of Life' 'sha512-256')
    }
}
