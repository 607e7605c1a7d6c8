BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestUtils.psm1') -Force
    Import-SipTestModule
}

Describe 'ConvertTo-SipDigestHash' -Tag Digest {
    It 'prints what RFC2617Digest prints: hex MD5 of user:realm:password (checked with md5sum)' {
        $expected = (Write-Output -NoEnumerate 'admin:sip-servlets:s3cr3t' | ForEach-Object {
                $bytes = [Text.Encoding]::UTF8.GetBytes($_)
                $tmp = Join-Path $TestDrive 'a1.txt'; [IO.File]::WriteAllBytes($tmp, $bytes)
                (& md5sum $tmp).Split(' ')[0]
            })
        (ConvertTo-SipDigestHash -UserName admin -Realm sip-servlets -Password (ConvertTo-TestSecret 's3cr3t')).Hash | Should -Be $expected
    }

    It 'matches the harness''s users.csv A1 for user0042' {
        (ConvertTo-SipDigestHash user0042 bench.test (ConvertTo-TestSecret 'secret-0042')).Hash |
            Should -Be ([Security.Cryptography.MD5]::HashData([Text.Encoding]::UTF8.GetBytes('user0042:bench.test:secret-0042')) | ForEach-Object { $_.ToString('x2') }) -join ''
    }

    It 'computes SHA-256 and SHA-512-256 as openssl does' {
        $hashes = ConvertTo-SipDigestHash -Credential ([pscredential]::new('Mufasa', (ConvertTo-TestSecret 'Circle of Life'))) -Realm 'http-auth@example.org' -Algorithm SHA256, SHA512_256
        $hashes[0].Hash | Should -Be ('Mufasa:http-auth@example.org:Circle of Life' | & openssl dgst -sha256 -r | ForEach-Object { $_.Split(' ')[0] })
        $sha512 = [IO.Path]::GetTempFileName()
        [IO.File]::WriteAllText($sha512, 'Mufasa:http-auth@example.org:Circle of Life')
        $hashes[1].Hash | Should -Be ((& openssl dgst -sha512-256 -r $sha512).Split(' ')[0])
        Remove-Item $sha512
    }
}
