namespace RydBox.Contract;

/// <summary>Why a payload or topic was rejected; the gateway counts dead letters by it.</summary>
public enum WireError
{
    /// <summary>Not well-formed CBOR, CBOR that v1 never uses (tags, indefinite lengths), duplicate keys, or bytes after the payload.</summary>
    Malformed = 1,

    /// <summary>The payload ends inside a value.</summary>
    Truncated = 2,

    /// <summary>Beyond a documented limit: message size, rows, columns, arguments, text length.</summary>
    Oversized = 3,

    /// <summary>The payload's version is not one this library reads.</summary>
    UnsupportedVersion = 4,

    /// <summary>A required entry is absent (or the version is not the first entry).</summary>
    MissingField = 5,

    /// <summary>An entry has the wrong type or a value outside its range.</summary>
    InvalidValue = 6,

    /// <summary>A topic outside rydbox/v1/{deviceId}/{kind}.</summary>
    InvalidTopic = 7,
}
