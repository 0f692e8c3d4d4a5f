namespace QlikOAuth.Engine.Errors
{
    /// <summary>
    /// What kind of failure an engine exception is. The cmdlets map each kind to a PowerShell ErrorCategory;
    /// the engine itself stays free of System.Management.Automation.
    /// </summary>
    public enum QlikErrorKind
    {
        /// <summary>Bad input, refused before any request (or a 400 from the tenant).</summary>
        InvalidArgument,
        /// <summary>401: wrong API key, secret or client assertion.</summary>
        Authentication,
        /// <summary>403: the credential may not do this.</summary>
        PermissionDenied,
        /// <summary>404: no such client, secret or user.</summary>
        NotFound,
        /// <summary>409 or a duplicate that the module refuses (such as a client name that exists).</summary>
        Conflict,
        /// <summary>429 after the retries allowed.</summary>
        RateLimited,
        /// <summary>5xx, or the connection dropped, after the retries allowed.</summary>
        ServiceUnavailable,
        /// <summary>No answer in time.</summary>
        Timeout,
        /// <summary>The tenant answered something this module cannot read.</summary>
        InvalidResponse,
        /// <summary>A local resource (a key file, a path) cannot be used.</summary>
        InvalidData,
    }
}
